"""Which countries answer a chosen set of indicators most like a given country.

Two answers agree fully when equal (1 point), half when one of them is "partly"
(0.5), not at all for yes against no (0). A country's score is its points over the
indicators both countries have answered, so a country is not marked down for gaps;
the page says how many indicators each score rests on and which agree.
"""

from dataclasses import dataclass, field

from guidance.models import IndicatorAnswer

PARTIAL = IndicatorAnswer.PARTIAL


@dataclass
class Similarity:
    country: object
    agree: list = field(default_factory=list)  # indicators with the same answer
    half: list = field(default_factory=list)  # one side "partly"
    differ: list = field(default_factory=list)  # yes against no

    @property
    def compared(self):
        return len(self.agree) + len(self.half) + len(self.differ)

    @property
    def score(self):
        if not self.compared:
            return None
        return (len(self.agree) + 0.5 * len(self.half)) / self.compared

    @property
    def percent(self):
        return round(self.score * 100)


def agreement(mine, theirs):
    if mine == theirs:
        return "agree"
    if PARTIAL in (mine, theirs):
        return "half"
    return "differ"


def similar_countries(country, countries, indicators, answers):
    """Other countries ranked by score (best first), then those with nothing to compare.

    `answers` maps (country id, indicator id) to an answer.
    """
    ranked, incomparable = [], []
    for other in countries:
        if other.pk == country.pk:
            continue
        result = Similarity(other)
        for indicator in indicators:
            mine = answers.get((country.pk, indicator.pk))
            theirs = answers.get((other.pk, indicator.pk))
            if mine and theirs:
                getattr(result, agreement(mine, theirs)).append(indicator)
        (ranked if result.compared else incomparable).append(result)
    ranked.sort(key=lambda r: (-r.score, -r.compared, r.country.name))
    return ranked, incomparable
