from claims.matching.prepare import clean, factcheck_text, query_words, words


def test_a_tweet_loses_links_pictures_emoji_and_the_date_of_its_signature():
    tweet = (
        "Butterflies drink from a wombat hole 🦋 pic.twitter.com/0eJtwJyS1J https://t.co/AbC "
        "— Center for Bio Div (@CenterForBioDiv) January 14, 2020"
    )
    assert clean(tweet) == (
        "Butterflies drink from a wombat hole — Center for Bio Div (Center For Bio Div)"
    )


def test_hashtags_and_handles_become_the_words_they_join():
    assert clean("Pray for #AustralianFires says @realDonaldTrump") == (
        "Pray for Australian Fires says real Donald Trump"
    )
    assert clean("#COVID19 and #climate_change") == "COVID 19 and climate change"


def test_words_drop_function_words_and_fold_english_plurals():
    assert words("The vaccines contain microchips, says Bill's study") == [
        "vaccine",
        "contain",
        "microchip",
        "say",
        "bill",
        "study",
    ]
    assert words("Bus crisis is serious") == ["bus", "crisis", "serious"]


def test_ukrainian_and_russian_words_are_kept_and_their_function_words_dropped():
    assert words("Вакцини від COVID-19 містять мікрочіпи") == [
        "вакцини",
        "covid",
        "19",
        "містять",
        "мікрочіпи",
    ]
    assert words("Это правда, что вышки 5G распространяют вирус?") == [
        "правда",
        "вышки",
        "5g",
        "распространяют",
        "вирус",
    ]


def test_currency_signs_are_kept_as_text_while_emoji_go():
    assert clean("Fries for $1 😀👍🏽 today") == "Fries for $1 today"


def test_a_factcheck_is_matched_on_its_claim_title_and_subtitle_that_it_has():
    assert factcheck_text("Garlic cures flu.", "Does garlic cure flu?", "") == (
        "Garlic cures flu.\nDoes garlic cure flu?"
    )


def test_a_handle_in_parentheses_beside_its_name_adds_no_words():
    # A tweet's signature with a date, one without, with a hyphen, and a handle in running text:
    # the name stays, the handle that repeats it ("real Donald Trump") does not.
    assert words(
        "Wind turbines cause cancer — Donald J. Trump (@realDonaldTrump) April 2, 2019"
    ) == [
        "wind",
        "turbine",
        "cause",
        "cancer",
        "donald",
        "trump",
    ]
    assert words("Troops are coming home - Ilhan Omar (@IlhanMN)") == [
        "troop",
        "coming",
        "home",
        "ilhan",
        "omar",
    ]
    assert words("Butterflies in a wombat hole — Center for Bio Div ( @CenterForBioDiv )") == [
        "butterfly",
        "wombat",
        "hole",
        "center",
        "bio",
        "div",
    ]
    assert words("As Paul Gosar (@DrPaulGosar) said, the border is open") == [
        "paul",
        "gosar",
        "said",
        "border",
        "open",
    ]


def test_a_handle_mentioned_without_parentheses_still_becomes_words():
    assert words("Thanks @IlhanMN for the vote") == ["thank", "ilhan", "mn", "vote"]


def test_query_words_count_each_word_once_in_the_order_first_said():
    assert query_words("Trump said it. Trump denies it — Donald Trump (@realDonaldTrump)") == [
        "trump",
        "said",
        "deny",
        "donald",
    ]
    assert query_words("Vaccines, vaccines and the vaccine") == ["vaccine"]
    assert query_words("5G towers spread covid 5G") == ["5g", "tower", "spread", "covid"]
