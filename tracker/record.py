"""The validated curated record and what follows from it (parts, curated status)."""

from dataclasses import dataclass
from functools import cached_property

from tracker.schema import (
    ActorRecord,
    ArticleRecord,
    DocumentRecord,
    ParagraphRef,
    PartRecord,
    RecommendationRecord,
    ResponseRecord,
    parse_paragraph_ref,
)


def refs(values: list[int | str]) -> list[ParagraphRef]:
    return [parse_paragraph_ref(value) for value in values]


@dataclass(frozen=True)
class CuratedRecord:
    """Everything in data/, validated and cross-checked."""

    parts: tuple[PartRecord, ...]
    articles: tuple[ArticleRecord, ...]
    actors: tuple[ActorRecord, ...]
    documents: tuple[DocumentRecord, ...]
    recommendations: tuple[RecommendationRecord, ...]
    responses: tuple[ResponseRecord, ...]
    digest: str

    @cached_property
    def article_part(self) -> dict[int, str]:
        return {article.number: article.part for article in self.articles}

    @cached_property
    def documents_by_id(self) -> dict[str, DocumentRecord]:
        return {doc.id: doc for doc in self.documents}

    @cached_property
    def responses_by_recommendation(self) -> dict[str, list[ResponseRecord]]:
        grouped: dict[str, list[ResponseRecord]] = {rec.id: [] for rec in self.recommendations}
        for response in self.responses:
            grouped[response.recommendation].append(response)
        return grouped

    def parts_of(self, rec: RecommendationRecord) -> list[str]:
        """The Convention parts an item concerns: from its articles, else from its report section."""
        parts = {self.article_part[number] for number in rec.articles}
        if not parts and rec.section and rec.section.startswith("part-"):
            parts.add(rec.section.removeprefix("part-"))
        order = [part.id for part in self.parts]
        return sorted(parts, key=order.index)

    def curated_status(self, rec: RecommendationRecord) -> str:
        """Status of the latest reply, or of the latest related response when there is no reply."""
        responses = self.responses_by_recommendation[rec.id]
        replies = [r for r in responses if r.relation == "reply"] or responses
        latest = max(replies, key=lambda r: (self.documents_by_id[r.document].year, r.id))
        return latest.status
