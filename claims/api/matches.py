"""POST /api/v1/matches/: "has this been checked?" for a newsroom's editor before publication.

Takes a text and answers with our published fact-checks that match it, best first, with their
similarity: the same engine, index and threshold (``MATCHING_FACTCHECK_THRESHOLD``) as the
workbench's "Already fact-checked". Staff, or a newsroom key with ``read:factchecks``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.factchecks import NEWSROOM_AUTHENTICATION, FactCheckSerializer
from claims.api.permissions import CanReadFactchecks
from claims.api.schema import ERROR_RESPONSES
from claims.exports.streams import attach_verdicts_and_evidence
from claims.services.matching import factchecks_for_text

MAX_TEXT_CHARS = 2000
MAX_LIMIT = 20


class MatchQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT_CHARS, help_text="The claim or sentence to look up, any language."
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_LIMIT, default=5, help_text="At most this many fact-checks."
    )


class FactCheckMatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="Fused similarity, 0 to 1.")
    lexical = serializers.FloatField(help_text="Word-overlap similarity, 0 to 1.")
    semantic = serializers.FloatField(help_text="Meaning (embedding) similarity, 0 to 1.")
    factcheck = FactCheckSerializer()


class MatchResultSerializer(serializers.Serializer):
    threshold = serializers.FloatField(help_text="Fact-checks below this similarity are left out.")
    results = FactCheckMatchSerializer(many=True)


class MatchView(APIView):
    authentication_classes = NEWSROOM_AUTHENTICATION
    permission_classes = [CanReadFactchecks]
    serializer_class = MatchQuerySerializer

    @extend_schema(
        tags=["fact-checks"],
        operation_id="matches_create",
        request=MatchQuerySerializer,
        responses={200: MatchResultSerializer, **ERROR_RESPONSES},
    )
    def post(self, request):
        query = MatchQuerySerializer(data=request.data)
        query.is_valid(raise_exception=True)
        found, threshold = factchecks_for_text(
            text=query.validated_data["text"], limit=query.validated_data["limit"]
        )
        attach_verdicts_and_evidence([claim for claim, _hit in found])
        context = {"request": request}
        return Response(
            {
                "threshold": threshold,
                "results": [
                    {
                        "score": round(hit.score, 4),
                        "lexical": round(hit.lexical, 4),
                        "semantic": round(hit.semantic, 4),
                        "factcheck": FactCheckSerializer(claim, context=context).data,
                    }
                    for claim, hit in found
                ],
            }
        )
