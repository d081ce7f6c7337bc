"""The parts of a tender question, found in the buyer's order: lettered or numbered items ("(a)",
"a)", "i.", "1."), bullets, "Your response should include:" lists, and the separate asks inside a
paragraph ("Describe …", "explain how …", "provide evidence of …", "state the number of …").
Nothing here raises on odd input."""

from __future__ import annotations

import re

from svdesk.domain.question_facts import _CRITERIA, _FACT_LINE, _is_fact

MAX_CHARS = 50_000     # the longest question a tender keeps

_ROMAN = r"(?:i{1,3}|iv|vi{0,3}|ix|x)"
_MARKER = re.compile(
    r"^\s*(?P<marker>\(\s*(?:[a-z]|" + _ROMAN + r"|\d{1,2})\s*\)|(?:[a-z]|" + _ROMAN + r")[.)]|\d{1,2}[.)](?!\d)|"
    r"[•▪◦●‣∙·\-–*]|o(?=\s))\s+(?P<text>\S.*)$", re.IGNORECASE)
_INLINE_LETTERS = re.compile(r"(?:(?<=\s)|^)\(([a-z]|" + _ROMAN + r")\)\s+", re.IGNORECASE)
_LIMIT_IN_BRACKETS = re.compile(r"\((?:[^()\n]{0,30}?)\b(?:words?|sides?|pages?|%)[^()\n]{0,20}\)", re.IGNORECASE)
_ASK = ("describe", "explain", "provide", "set out", "state", "detail", "outline", "demonstrate", "confirm", "give",
        "tell us", "identify", "list", "include", "show", "specify", "evidence", "summarise", "indicate",
        "how will you", "how do you", "how would you", "how many", "what will you", "what", "how", "please")
_ASK_START = re.compile(r"^\W*(?:[^,.:;?!]{1,60}[,:]\s+)?(?:please\s+|you should\s+|bidders should\s+|tenderers should\s+|"
                        r"you must\s+|your (?:answer|response) (?:should|must)\s+)?(?:"
                        + "|".join(re.escape(a) for a in _ASK) + r")\b", re.IGNORECASE)
_ASK_JOIN = re.compile(r"(?:[,;]\s*|\s+)and\s+(?=(?:explain|describe|provide|set out|state|how\b|"
                       r"demonstrate|detail|outline|confirm|give|identify|specify|tell us|show)\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"“(]?[A-Z0-9])")


_CONTROLS = {code: " " for code in range(32) if chr(code) not in "\n\t"}


def _clean(text: str) -> str:
    text = (text or "")[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROLS)


def _is_lead_in(line: str) -> bool:
    return line.rstrip().endswith(":")


def _asks_in(paragraph: str) -> list[str]:
    """The separate asks in a paragraph of prose: sentences that ask for something (a question
    or an imperative), split again at "… and explain how …"."""
    found = []
    for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
        sentence = sentence.strip()
        if not sentence:
            continue
        if not (sentence.endswith("?") or _ASK_START.match(sentence)) or _is_fact(sentence):
            continue
        # "Describe …: what and how many; how you will deliver them; and your track record."
        # Each item of a list run together with semicolons is an ask of its own.
        listed = [re.sub(r"^(?:and|or)\s+", "", piece.strip(" ,")) for piece in sentence.split(";")]
        listed = [piece for piece in listed if len(piece.split()) >= 2] if len(listed) > 1 else [sentence]
        for item in listed or [sentence]:
            found += [piece.strip(" ,;") for piece in _ASK_JOIN.split(item) if piece.strip(" ,;")]
    return found


def _is_title(line: str) -> bool:
    """'Fighting climate change', 'Social Value (20%)': a short line that ends without punctuation."""
    text = line.strip()
    return len(text.split()) <= 10 and not text.endswith((".", "?", "!", ":", ";", ",")) and not _ASK_START.match(text)


def _continues(previous: str, line: str) -> bool:
    """A line under a list item wraps that item when the item has not ended, or the line starts
    in lower case; otherwise it is prose after the list ("Up to 2 sides of A4.")."""
    if _is_lead_in(line) or _FACT_LINE.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or (not previous.rstrip().endswith((".", "?", "!", ";", ":")) and not first.isupper())


def _items(text: str) -> list[tuple[str, str]]:
    """(marker, text) for every part, in order; prose asks have marker ""."""
    items: list[tuple[str, str]] = []
    paragraphs = re.split(r"\n\s*\n", text)
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if line.strip()]
        # How the answer will be scored is not a part to answer (it is read by criteria_items).
        heading = next((i for i, line in enumerate(lines) if _is_criteria_heading(line)), None)
        lines = lines[:heading] if heading is not None else lines
        if not lines or _CRITERIA.match(lines[0]):
            continue
        marked = [_MARKER.match(line) for line in lines]
        if any(marked):
            prose: list[str] = []
            for line, match in zip(lines, marked):
                if match:
                    if prose:
                        items += [("", ask) for ask in _asks_in(" ".join(prose))]
                        prose = []
                    items.append((match.group("marker").strip(), match.group("text").strip()))
                elif items and items[-1][0] and _continues(items[-1][1], line):
                    marker, previous = items[-1]          # a wrapped line of the item above
                    items[-1] = (marker, f"{previous} {line.strip()}")
                elif not _is_lead_in(line) and not _FACT_LINE.match(line) and not _is_title(line):
                    prose.append(line)
            if prose:
                items += [("", ask) for ask in _asks_in(" ".join(prose))]
            continue
        lines = [line for line in lines if not _is_title(line)]
        joined = " ".join(" ".join(lines).split())
        if not joined or _FACT_LINE.match(joined):
            continue
        inline = list(_INLINE_LETTERS.finditer(joined))
        if len(inline) >= 2:
            lead = joined[: inline[0].start()]
            if lead.strip() and not _is_lead_in(lead):
                items += [("", ask) for ask in _asks_in(lead)]
            for index, match in enumerate(inline):
                end = inline[index + 1].start() if index + 1 < len(inline) else len(joined)
                body = joined[match.end():end].strip(" ;,")
                body = re.sub(r"[;,]?\s*(?:and|or)$", "", body).strip()
                if body:
                    items.append((f"({match.group(1)})", body))
            continue
        items += [("", ask) for ask in _asks_in(joined)]
    return [(marker, " ".join(body.split())) for marker, body in items
            if re.search(r"[^\W_]", body) and not _is_fact(body)]



# -- how the answer will be scored ---------------------------------------------------------------------
MAX_CRITERIA = 12
_CRITERIA_LEAD = re.compile(r"\b(?:will be|are|is|being)\s+(?:evaluated|scored|assessed|marked|judged)\s+"
                            r"(?:on|against|according to|by reference to|for)\b|\bevaluators? will (?:look for|consider|"
                            r"expect|want)|\b(?:evaluation|scoring|assessment|award|marking) criteria\b", re.IGNORECASE)
_SCALE_LINE = re.compile(r"^\s*(?:score\s*(?:of\s*)?)?\(?\d{1,2}\)?\s*(?:points?|marks?)?\s*(?:[-–—=:.)]|\(|$)", re.IGNORECASE)
_TOP_GRADE = re.compile(r"\b(?:excellent|outstanding|exceptional|full marks|highest|maximum score)\b", re.IGNORECASE)


def _is_criteria_heading(line: str) -> bool:
    """'Evaluation criteria', 'Scoring:', 'How your response will be evaluated' on a line of its own."""
    text = line.strip()
    return bool(_CRITERIA.match(text)) and (len(text.split()) <= 8 or text.endswith(":"))


def criteria_items(text: str) -> tuple[str, ...]:
    """What the buyer says the answer will be scored on, one item each, in their words: the
    lines under an "Evaluation criteria" (or "Scoring", "Assessment criteria" …) heading, or the
    list or sentence after "Responses will be evaluated on …". Scoring scales are left out
    except their top mark ("5 – Excellent: specific, measurable …"), which says what is wanted."""
    cleaned = _clean(text)
    paragraphs = [[line for line in p.split("\n") if line.strip()] for p in re.split(r"\n\s*\n", cleaned)]
    found: list[str] = []
    for index, lines in enumerate(paragraphs):
        for position, line in enumerate(lines):
            if _is_criteria_heading(line) or (position == 0 and _CRITERIA.match(line)):
                block = lines[position:]
                rest = _criteria_lines(block)
                if not rest and index + 1 < len(paragraphs):   # the heading stands alone
                    rest = _criteria_lines(paragraphs[index + 1])
                found += rest
                break
            if _CRITERIA_LEAD.search(line):
                # From the sentence that says how it is scored; its list when it ends with a colon.
                sentences = _SENTENCE_END.split(line.strip())
                first = next(i for i, sentence in enumerate(sentences) if _CRITERIA_LEAD.search(sentence))
                said = sentences[first]
                found += _criteria_lines([said, *lines[position + 1:]] if said.endswith(":") else [said], lead=True)
                break
        if found:
            break
    unique = list(dict.fromkeys(" ".join(item.split())[:300] for item in found))
    return tuple(item for item in unique if item)[:MAX_CRITERIA]


def _criteria_lines(lines: list[str], lead: bool = False) -> list[str]:
    items: list[str] = []
    for position, line in enumerate(lines):
        text = line.strip()
        if position == 0 and not lead:
            # The heading, and whatever follows its colon on the same line.
            text = text.split(":", 1)[1].strip() if ":" in text else ""
        elif position == 0 and lead and text.endswith(":"):
            continue                                   # "Responses will be scored on:" then a list
        match = _MARKER.match(text)
        if match:
            text = match.group("text").strip()
        if not text or _FACT_LINE.match(text) or _is_fact(text) or text.endswith(":"):
            continue
        if _SCALE_LINE.match(text) and not _TOP_GRADE.search(text):
            continue
        if match:
            items.append(text.rstrip(" ;,"))
            continue
        for sentence in _SENTENCE_END.split(text):
            listed = [piece.strip(" ;,.") for piece in sentence.split(";")]
            listed = [re.sub(r"^(?:and|or)\s+", "", piece) for piece in listed if piece]
            items += [piece for piece in (listed if len(listed) > 1 else [sentence.strip()])
                      if piece and not _is_fact(piece)]
    return items
