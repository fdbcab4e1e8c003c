from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from claims.models import Article, Claim, Outlet


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            # get_or_create: transactional tests flush the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=role)[0])


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
    canonical_url = factory.LazyAttribute(lambda a: a.url)
    text = factory.Sequence(
        lambda n: (
            f"Article {n}. More than 1 million people fled the country in a week. "
            "The minister said the figure would double."
        )
    )
    language = "en"
    published_at = factory.LazyFunction(timezone.now)


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim on the second sentence of an ArticleFactory article."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttribute(lambda c: c.article.text.index("More than"))
    end = factory.LazyAttribute(lambda c: c.article.text.index("week.") + len("week."))
    quote = factory.LazyAttribute(lambda c: c.article.text[c.start : c.end])
    text = "More than 1 million people fled the country in a week"
    score = 0.9
