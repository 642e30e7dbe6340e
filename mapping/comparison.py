"""Two to four entries side by side: the table's rows, and a summary of what they share."""

from dataclasses import dataclass, field

from .models import DimensionValue, Kind, Scope

KIND_PHRASES = {
    Kind.APPROACH: "an approach",
    Kind.POLICY: "a policy",
    Kind.LEGISLATION: "legislation",
    Kind.FRAMEWORK: "a framework",
    Kind.PROJECT: "a project",
    Kind.TOOL: "a tool",
}
KIND_PLURALS = {
    Kind.APPROACH: "approaches",
    Kind.POLICY: "policies",
    Kind.LEGISLATION: "legislation",
    Kind.FRAMEWORK: "frameworks",
    Kind.PROJECT: "projects",
    Kind.TOOL: "tools",
}
SCOPE_PHRASES = {
    Scope.SCOTLAND: "in Scotland",
    Scope.UK: "across the UK",
    Scope.INTERNATIONAL: "internationally",
}
NOT_GIVEN = "Not given"


@dataclass
class Cell:
    text: str
    note: str = ""


@dataclass
class Row:
    label: str
    cells: list
    compared: bool = True
    is_dimension: bool = False

    @property
    def differs(self):
        return self.compared and len({cell.text for cell in self.cells}) > 1


@dataclass
class Comparison:
    entries: list
    rows: list
    shared: list = field(default_factory=list)
    differences: list = field(default_factory=list)


def join_words(words):
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def grouped(names, values):
    """[(value, [names...])] with the names sharing each value, in order of first appearance."""
    groups = {}
    for name, value in zip(names, values, strict=True):
        groups.setdefault(value, []).append(name)
    return list(groups.items())


def kind_phrase(kind, how_many):
    return f"is {KIND_PHRASES[kind]}" if how_many == 1 else f"are {KIND_PLURALS[kind]}"


def lower_first(text):
    return text[:1].lower() + text[1:]


def dimension_cells(entries, dimensions, values):
    """`values` maps (entry pk, dimension pk) to an EntryDimensionValue."""
    rows = []
    for dimension in dimensions:
        cells = []
        for entry in entries:
            value = values.get((entry.pk, dimension.pk))
            if value is None:
                cells.append(Cell(NOT_GIVEN))
            else:
                cells.append(Cell(value.get_value_display(), value.note))
        rows.append(Row(dimension.name, cells, is_dimension=True))
    return rows


def build_comparison(entries, dimensions, values):
    """The comparison of `entries` (in the order given) on their fields and on every dimension."""

    def text_row(label, text_of, compared=True):
        return Row(label, [Cell(text_of(entry)) for entry in entries], compared=compared)

    rows = [
        text_row("Summary", lambda entry: entry.summary, compared=False),
        text_row("Kind", lambda entry: entry.get_kind_display()),
        text_row("Sectors it applies to", lambda entry: ", ".join(map(str, entry.sector_list))),
        text_row(
            "Examples from",
            lambda entry: ", ".join(entry.example_sector_labels) or "No examples yet",
        ),
        text_row("Scope", lambda entry: entry.get_scope_display()),
        text_row("Year", lambda entry: str(entry.year) if entry.year else NOT_GIVEN),
        text_row("Lead body", lambda entry: entry.lead_body or NOT_GIVEN),
        text_row("Statutory basis", lambda entry: entry.statutory_basis or "None"),
        *dimension_cells(entries, dimensions, values),
    ]
    comparison = Comparison(entries=entries, rows=rows)
    summarise(comparison, dimensions, values)
    return comparison


def summarise(comparison, dimensions, values):
    """Fills in `shared` and `differences`: plain sentences, always the same for the same data."""
    entries = comparison.entries
    names = [entry.title for entry in entries]
    shared, differences = comparison.shared, comparison.differences
    everyone = "Both" if len(entries) == 2 else f"All {len(entries)}"

    kinds = [entry.kind for entry in entries]
    if len(set(kinds)) == 1:
        shared.append(f"{everyone} are {KIND_PLURALS[kinds[0]]}.")
    else:
        differences.append(
            "They are different kinds of thing: "
            + "; ".join(
                f"{join_words(group)} {kind_phrase(kind, len(group))}"
                for kind, group in grouped(names, kinds)
            )
            + "."
        )

    sector_sets = [entry.sector_list for entry in entries]
    common = [sector for sector in sector_sets[0] if all(sector in s for s in sector_sets)]
    if common:
        shared.append(
            f"{everyone} apply to {join_words(lower_first(sector.name) for sector in common)}."
        )
    extras = [
        (name, [sector for sector in sectors if sector not in common])
        for name, sectors in zip(names, sector_sets, strict=True)
    ]
    extras = [(name, sectors) for name, sectors in extras if sectors]
    if extras:
        lead = "Beyond that, " if common else "They share no sector: "
        differences.append(
            lead
            + "; ".join(
                f"{name} {'also ' if common else ''}covers "
                f"{join_words(lower_first(sector.name) for sector in sectors)}"
                for name, sectors in extras
            )
            + "."
        )

    scopes = [entry.scope for entry in entries]
    if len(set(scopes)) == 1:
        shared.append(f"{everyone} apply {SCOPE_PHRASES[scopes[0]]}.")
    else:
        differences.append(
            "Their reach differs: "
            + "; ".join(
                f"{join_words(group)} {'applies' if len(group) == 1 else 'apply'} "
                f"{SCOPE_PHRASES[scope]}"
                for scope, group in grouped(names, scopes)
            )
            + "."
        )

    statutory = [name for name, entry in zip(names, entries, strict=True) if entry.statutory_basis]
    if len(statutory) == len(entries):
        shared.append(f"{everyone} have a statutory basis.")
    elif not statutory:
        shared.append(
            f"{'Neither' if len(entries) == 2 else 'None of them'} has a statutory basis."
        )
    else:
        differences.append(
            f"Only {join_words(statutory)} {'has' if len(statutory) == 1 else 'have'} "
            "a statutory basis."
        )

    summarise_answers(comparison, dimensions, values)


def summarise_answers(comparison, dimensions, values):
    """The dimensions on which every entry gives the same answer, and those where they differ."""
    entries = comparison.entries
    names = [entry.title for entry in entries]
    agreed, disagreed = [], []
    for dimension in dimensions:
        answers = [values.get((entry.pk, dimension.pk)) for entry in entries]
        if any(answer is None for answer in answers):
            continue
        labels = [answer.get_value_display().lower() for answer in answers]
        if len({answer.value for answer in answers}) == 1:
            if answers[0].value != DimensionValue.NOT_APPLICABLE:
                agreed.append(f"“{dimension.name}” ({labels[0]})")
        else:
            # One difference a line: a list item each, never one long sentence.
            disagreed.append(
                f"They answer differently on “{dimension.name}”: "
                + ", ".join(
                    f"{label} for {join_words(group)}" for label, group in grouped(names, labels)
                )
                + "."
            )
    if agreed:
        comparison.shared.append(f"They give the same answer on {join_words(agreed)}.")
    comparison.differences.extend(disagreed)
