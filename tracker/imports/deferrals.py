"""Deferrals: a reply that says the information will come later (English, Spanish, French)."""

import re
from dataclasses import dataclass

# A deferral promises information later: a word for the information and a future verb of delivery,
# or an explicit "later". Either alone is too common ("the programme is provided", "information on X").
_INFORMATION = re.compile(
    r"\b(information|reply|replies|answer|response|data|details|figures|statistics|"
    r"información|informaciones|respuesta|datos|cifras|estadísticas|"
    r"informations?|réponse|renseignements|données|chiffres|statistiques)\b", re.I)
_FUTURE_DELIVERY = re.compile(
    r"\b(will|shall) be (provided|submitted|supplied|sent|transmitted|forwarded|furnished|presented|"
    r"communicated|made available|given|shared|reported)\b"
    r"|\b(will|shall) (provide|submit|supply|send|transmit|forward|furnish|present|communicate|report)\b"
    r"|\bat a (later|subsequent) (date|stage|time)\b|\bin due course\b"
    r"|\bse (proporcionar|remitir|enviar|presentar|facilitar|entregar|comunicar|transmitir|informar)án?\b"
    r"|\bser(á|án) (proporcionad|remitid|enviad|presentad|facilitad|entregad|comunicad|transmitid)[oa]s?\b"
    r"|\b(proporcionar|remitir|enviar|presentar|facilitar|entregar|comunicar|transmitir|informar)(á|emos|án)\b"
    r"|\ben una fecha posterior\b"
    r"|\bser(a|ont) (fourni|transmis|communiqu|présent|adress|envoy|remis)(e|é|ée|és|ées|es|s)?\b"
    r"|\b(fournira|transmettra|communiquera|présentera|fourniront|transmettront|communiqueront)\b"
    r"|\bà une date ultérieure\b|\ben temps voulu\b", re.I)
# Sentences end at . ; ? ! followed by a space; abbreviations like "No." rarely end a deferral sentence.
_SENTENCE_END = re.compile(r"(?<=[.;?!])\s+(?=[A-ZÁÉÍÓÚÑÀÂÇÈÊÎÔ(\"“])")
# A line that breaks mid-sentence (no closing mark, the next line goes on in lower case) was wrapped,
# as PDF text is: join it back.
_WRAPPED = re.compile(r"(?<![.;:?!])[ \t]*\n[ \t]*(?=[a-záéíóúñàâçèêîôûü0-9])")


@dataclass(frozen=True)
class Deferral:
    """Where a reply defers: the whole reply or part of it, with the sentence that says so."""

    whole: bool
    paragraph: int
    sentence: str


def defers(sentence: str) -> bool:
    """Whether one sentence promises the information later."""
    return bool(_FUTURE_DELIVERY.search(sentence) and _INFORMATION.search(sentence))


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph's text (a line break also ends one: list items, table cells)."""
    found = []
    for line in _WRAPPED.sub(" ", text).splitlines():
        found.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return found


def find_deferral(paragraphs: list[tuple[int, str]]) -> Deferral | None:
    """The deferral in a reply given as (number, text) paragraphs: whole when every sentence defers."""
    first: tuple[int, str] | None = None
    others = 0
    for number, text in paragraphs:
        for sentence in sentences(text):
            if defers(sentence):
                first = first or (number, sentence)
            elif len(sentence) > 3:  # a stray bullet or footnote mark is not an answer
                others += 1
    if first is None:
        return None
    return Deferral(whole=others == 0, paragraph=first[0], sentence=first[1])
