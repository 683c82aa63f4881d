"""Redaction: identifiers with checksums, phones, e-mails, addresses, inflected names, institutions, spans."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import nlp

from nlp.redaction import draft_names, redact, valid_iban, valid_id_card, valid_nip, valid_passport, valid_pesel

NAMES = Path(__file__).resolve().parents[3] / "shared" / "data" / "personal_data" / "names"


def kinds(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in redact(text, **kw)[1]]  # type: ignore[arg-type]


def test_checksums() -> None:
    assert valid_pesel("44051401458") and valid_pesel("02270803624")  # 2002: month + 20
    assert not valid_pesel("44051401459") and not valid_pesel("44133101453")  # bad check; month 13
    assert valid_nip("1234563218") and not valid_nip("1234563219")
    assert valid_iban("PL61 1090 1014 0000 0712 1981 2874") and valid_iban("61109010140000071219812874")
    assert not valid_iban("PL61 1090 1014 0000 0712 1981 2875")
    assert valid_id_card("ABA300000") and not valid_id_card("ABA400000")
    assert valid_passport("AA3234567") and not valid_passport("AA1234567")


def test_pesel_valid_is_redacted_invalid_is_not() -> None:
    assert kinds("Mój PESEL: 44051401458.") == [("PESEL", "44051401458")]
    assert kinds("Numer 44051401459 jest błędny.") == []


def test_nip_and_iban_forms() -> None:
    assert kinds("NIP 123-456-32-18 firmy.") == [("NIP", "123-456-32-18")]
    assert kinds("NIP: PL1234563218.") == [("NIP", "PL1234563218")]
    assert kinds("NIP 123-456-32-19 jest zły.") == []
    assert kinds("Wpłaty na PL61 1090 1014 0000 0712 1981 2874 do piątku.") == [
        ("IBAN", "PL61 1090 1014 0000 0712 1981 2874")]
    assert kinds("Konto 61109010140000071219812874.")[0][0] == "IBAN"
    assert kinds("Konto 61 1090 1014 0000 0712 1981 2875.") == []  # mod-97 fails


@pytest.mark.parametrize("after", [" Z poważaniem", " PESEL: 44051401458", " ZUS", "\nZ wyrazami szacunku"])
@pytest.mark.parametrize("iban", ["PL61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874",
                                  "61 1090 1014 0000 0712 1981 2874", "GB29 NWBK 6016 1331 9268 19"])
def test_iban_followed_by_a_capitalised_word(iban: str, after: str) -> None:
    # The word must not be taken into the number (the checksum would then fail and the number stay).
    found = kinds(f"Proszę o zwrot na konto {iban}{after}")
    assert found[0] == ("IBAN", iban)


def test_id_card_and_passport() -> None:
    assert kinds("Dowód osobisty ABA300000.") == [("ID_CARD", "ABA300000")]
    assert kinds("seria i numer dowodu: ABC 123456") == [("ID_CARD", "ABC 123456")]  # context, bad checksum
    assert kinds("Paszport nr AB1234567 wydany w 2020.") == [("PASSPORT", "AB1234567")]


@pytest.mark.parametrize(
    "phone",
    ["+48 600 123 456", "600-123-456", "600123456", "(22) 123 45 67", "22 123 45 67", "+48 22 123 45 67",
     "0048 601 234 567", "+48600123456", "(022) 123-45-67", "(0-22) 123-45-67", "(0 22) 123 45 67",
     "0-22 123 45 67"],
)
def test_phone_formats(phone: str) -> None:
    text, spans = redact(f"Proszę dzwonić pod {phone} po południu.")
    assert [(s.kind, s.text) for s in spans] == [("PHONE", phone)]
    assert text == "Proszę dzwonić pod [TELEFON] po południu."


def test_number_like_text_is_left_alone() -> None:
    for text in [
        "Na podstawie art. 6 ust. 2 pkt 3 ustawy z dnia 8 marca 1990 r.",
        "Budżet: 600 123 456 zł w latach 2024–2030, tj. 1 250 000 zł rocznie.",
        "Spotkanie 2024-05-12 o 17:30, uchwała nr XLII/1234/2023 z 12.05.2023.",
        "Dz.U. 2023 poz. 1234; działka nr 123/45; 12,5 km ścieżek.",
    ]:
        assert kinds(text) == [], text


def test_email() -> None:
    assert kinds("Pisz na jan.kowalski+rada@um.warszawa.pl lub a_b@o2.pl.") == [
        ("EMAIL", "jan.kowalski+rada@um.warszawa.pl"), ("EMAIL", "a_b@o2.pl")]


def test_addresses() -> None:
    text = "Mieszkam przy ul. Marszałkowskiej 12/4, 00-412 Warszawa, a siostra na os. Przyjaźni 5 m. 7."
    assert kinds(text) == [("ADDRESS", "ul. Marszałkowskiej 12/4, 00-412 Warszawa"), ("ADDRESS", "os. Przyjaźni 5 m. 7")]
    assert kinds("Adres: al. Jana Pawła II 15.") == [("ADDRESS", "al. Jana Pawła II 15")]
    # A street with no house number is a public place, and its words are not a person.
    assert kinds("Remont ul. Marszałkowskiej i ul. Jana Pawła II jest potrzebny.") == []


def test_inflected_names_and_titles() -> None:
    assert kinds("Przekazałem pismo Janowi Kowalskiemu.") == [("PERSON", "Janowi Kowalskiemu")]
    assert kinds("Rozmawiałam z Anną Nowak-Jeleńską.") == [("PERSON", "Anną Nowak-Jeleńską")]
    assert kinds("Skarga na Pana Nowaka i dr. Kowalską.") == [("PERSON", "Nowaka"), ("PERSON", "Kowalską")]
    assert kinds("Zgłosił to Jerzy K. z Bemowa.") == [("PERSON", "Jerzy K.")]


def test_institutions_and_namesakes_are_not_persons() -> None:
    for text in [
        "Miejsce Aktywności Lokalnej prowadzi zajęcia.",
        "Biuro Pomocy i Projektów Społecznych oraz Warszawskie Centrum Pomocy Rodzinie współpracują.",
        "Rada m.st. Warszawy przyjęła uchwałę.",
        "Szkoła Podstawowa im. Janusza Korczaka i Fundacja Anny Dymnej.",
        "Pani Doktor była bardzo miła.",
    ]:
        assert [k for k, _ in kinds(text) if k == "PERSON"] == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Skarżę się na Kowalskiego z urzędu.", "Kowalskiego"),  # a lone surname, oblique case
        ("Spotkałem wczoraj Helę w parku.", "Helę"),  # a lone first name, oblique case
        ("Rozmawiałem o tym z Heleną.", "Heleną"),
        ("Olga pisała do urzędu wiele razy.", "Olga"),  # sentence-initial, and nothing but a name
        ("Wczoraj premier Szaron przyjechał.", "Szaron"),  # after a role, unknown to Morfeusz
        ("Pismo leży u sędziego Przyszlakowskiego.", "Przyszlakowskiego"),
        ("Zgłosił to Wilmowski, nasz sąsiad.", "Wilmowski"),  # unknown, shaped as a surname
        ("Dziękuję pani Ani za pomoc.", "Ani"),
        ("– Nie wiem – powiedział nam Oleksy.", "Oleksy"),  # the speaker of a verb of saying
        ("Przekazałem pismo Jana Burackiego sąsiadom.", "Jana Burackiego"),  # first name + adjectival surname
        ("Do gabinetu Ryszarda Kalisza nikt nie wchodzi.", "Ryszarda Kalisza"),  # a surname that is also a town
        ("A. M.: Nie zgadzam się z tym.", "A. M."),  # an interview's speaker by initials
    ],
)
def test_single_words_oblique_cases_and_context(text: str, name: str) -> None:
    assert kinds(text) == [("PERSON", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Kibicuję Wiśle Kraków i Legii Warszawa.",  # clubs
        "Mecz Wisła Kraków - Lech Poznań był nudny.",
        "Mieszkam na Warszawskiej od lat, a przy ulicy Długiej brakuje ławek.",  # streets, no house number
        "W parku Mickiewicza i przy pomniku Kościuszki brakuje ławek.",  # places named after people
        "Jestem Polakiem i mieszkam w Krakowie, a brat we Lwowie.",  # people's and towns' names
        "Wisła wylała pod Krakowem.",
        "Pismo wysłano do Kijowa i do Moskwy.",
        "Śliczne czapki. Ważne są opinie mieszkańców.",  # capitalised at a sentence's start, ordinary words
        "Panie Marszałku, Panie Prezydencie!",  # roles, not names
        "Szczęśliwego Nowego Roku dla wszystkich!",
        "Rada Miasta Krakowa przyjęła uchwałę.",
        "Na Mokotowie, Ursynowie i Bemowie brakuje ławek.",  # districts, not the Ursyn or Bem families
    ],
)
def test_clubs_streets_places_and_ordinary_words_are_not_persons(text: str) -> None:
    assert [k for k, _ in kinds(text) if k == "PERSON"] == [], text


def test_known_names_of_the_draft_are_left() -> None:
    text = "Ławki od strony Mickiewicza są zniszczone, pisze Anna Nowak."
    assert kinds(text) == [("PERSON", "Mickiewicza"), ("PERSON", "Anna Nowak")]
    # The draft names the park: its words, in any form, are not a person's name in the comments.
    assert kinds(text, known_names=["Park im. Adama Mickiewicza"]) == [("PERSON", "Anna Nowak")]
    assert nlp.redact(text, known_names=["Park im. Adama Mickiewicza"])[1][0].text == "Anna Nowak"
    # A first name alone stays a person's even when a street of the draft carries it.
    assert kinds("Dziękuję Janowi za pomoc.", known_names=["Aleja Jana Pawła II"]) == [("PERSON", "Janowi")]
    assert kinds("Dziękuję Janowi za pomoc.", known_names=["Jan"]) == []


def test_draft_names_for_known_names() -> None:
    draft = ("Strategia rozwoju. Remont Alei Jana Pawła II i Parku im. Adama Mickiewicza. Biuro Pomocy i Projektów "
             "Społecznych prowadzi Miejsca Aktywności Lokalnej.")
    names = draft_names(draft)
    assert "Adama Mickiewicza" in names and "Miejsca Aktywności Lokalnej" in names and "Strategia" not in names
    assert kinds("Ławki od strony Mickiewicza są zniszczone.", known_names=names) == []


def test_the_register_lists_come_from_zxcvbn_pl() -> None:
    from nlp.redaction import NameLists

    lists = NameLists.register()
    # Inflected forms of the PESEL register's names, and towns by population.
    assert "kowalskiego" in lists.surnames and "katarzyno" in lists.first and "krakowie" in lists.towns
    assert "wola" not in lists.towns  # a village's name, not a town's


def test_keep_list_for_public_figures() -> None:
    assert kinds("Jak mówił Rafał Trzaskowski na sesji.", keep=["Rafał Trzaskowski"]) == []
    assert kinds("Pismo do Rafała Trzaskowskiego.", keep=["Rafał Trzaskowski"]) == []
    assert kinds("Pismo do Rafała Nowaka.", keep=["Rafał Trzaskowski"]) == [("PERSON", "Rafała Nowaka")]
    assert kinds("Jak mówił Rafał Trzaskowski na sesji.") == [("PERSON", "Rafał Trzaskowski")]


def test_spans_point_at_the_original_text() -> None:
    original = "Jan Kowalski (PESEL 44051401458), tel. 600 123 456, e-mail: jk@wp.pl, ul. Długa 5, 00-238 Warszawa."
    redacted, spans = redact(original)
    assert [s.kind for s in spans] == ["PERSON", "PESEL", "PHONE", "EMAIL", "ADDRESS"]
    for s in spans:
        assert original[s.start : s.end] == s.text
        assert s.placeholder in redacted
    assert redacted == ("[IMIĘ I NAZWISKO] (PESEL [PESEL]), tel. [TELEFON], e-mail: [E-MAIL], [ADRES].")


def test_names_are_polish_only_but_numbers_everywhere() -> None:
    assert kinds("Call John Smith at +48 600 123 456.", language="en") == [("PHONE", "+48 600 123 456")]


@pytest.mark.skipif(not NAMES.is_dir(), reason="../shared/data absent")
def test_name_lists_add_names_morfeusz_does_not_know() -> None:
    text = "Wniosek złożyła Anna Brzęczyszczykiewiczówna."
    assert kinds(text, names_dir=NAMES)[0][0] == "PERSON"


def test_spacy_components() -> None:
    import nlp.components.redactor  # noqa: F401  (registers the factories)
    import nlp.components.sentiment  # noqa: F401

    pipeline = spacy.blank("pl")
    pipeline.add_pipe("consult_redactor")
    pipeline.add_pipe("consult_sentiment")
    doc = pipeline("Świetny pomysł! Dzwońcie do Jana Kowalskiego: 600 123 456.")
    assert [s.kind for s in doc._.pii_spans] == ["PERSON", "PHONE"]
    assert [(s.label_, s.text) for s in doc.spans["pii"]] == [("PERSON", "Jana Kowalskiego"), ("PHONE", "600 123 456")]
    assert doc._.redacted.endswith("[IMIĘ I NAZWISKO]: [TELEFON].")
    assert doc._.sentiment.label == "positive"
    docs = list(pipeline.pipe(["Fatalnie i brudno.", "Super park!"]))
    assert [d._.sentiment.label for d in docs] == ["negative", "positive"]


def test_a_full_name_found_once_is_found_again() -> None:
    text = "Jan Kowalski złożył skargę. Kowalskiego nikt nie wysłuchał, a Kowalski czeka."
    assert kinds(text) == [("PERSON", "Jan Kowalski"), ("PERSON", "Kowalskiego"), ("PERSON", "Kowalski")]
    assert kinds("Kowalski czeka na odpowiedź.") == []  # alone at a sentence's start: an adjective too


def test_names_in_capitals() -> None:
    assert kinds("Podpisano: JAN KOWALSKI, mieszkaniec.") == [("PERSON", "JAN KOWALSKI")]
    assert kinds("TATIANA - Pan zna tę ulicę?") == [("PERSON", "TATIANA")]  # a speaker before a dash
    assert kinds("UWAGA: NIE ZGADZAM SIĘ NA WYCINKĘ.") == []
    assert kinds("STUDENT - nie mam samochodu.") == []  # an ordinary word in capitals
    assert kinds("WARSZAWA - stolica bez drzew.") == []


def test_a_surname_opening_a_sentence_before_a_verb() -> None:
    assert kinds("Nowak nie odpowiedział na pismo.") == [("PERSON", "Nowak")]
    assert kinds("Borski podszedł do okna.") == [("PERSON", "Borski")]
    assert kinds("Rada nie odpowiedziała na pismo.") == []  # an ordinary word
    assert kinds("Zarząd nie odpowiada.") == []


def test_foreign_names_polish_dictionaries_lack() -> None:
    assert kinds("Książkę napisała Sondra Ray, a przełożył ją ktoś inny.") == [("PERSON", "Sondra Ray")]
    assert kinds("W filmie z Clintem Eastwoodem grał też mój sąsiad.") == [("PERSON", "Clintem Eastwoodem")]


def test_a_surname_closing_a_clause_after_a_verb_and_particles_in_names() -> None:
    assert kinds("– Nie zgadzam się – stwierdził Wójcik.") == [("PERSON", "Wójcik")]
    assert kinds("Wczoraj odwiedziłem Kraków.") == []
    assert kinds("Pisał o tym Michel de Ghelderode, dramatopisarz.") == [("PERSON", "Michel de Ghelderode")]


def test_after_pan_or_pani_an_ordinary_word_is_a_name_but_not_an_institution() -> None:
    assert kinds("Czekamy, jak pan Kleks to wyjaśni.") == [("PERSON", "Kleks")]
    assert kinds("Szanowna Rado Miasta, proszę o zmianę.") == []
    assert kinds("Widzi to Pan Bóg z nieba.") == []


def test_a_full_name_after_an_institution_and_a_joiner() -> None:
    assert kinds("Głos zabrali członek Rady Miejskiej i Ewa Dumkiewicz z wydziału.") == [("PERSON", "Ewa Dumkiewicz")]
    assert kinds("Pismo podpisał dyrektor Urzędu Morskiego w Szczecinie Mirosław Szajkowski.") == [
        ("PERSON", "Mirosław Szajkowski")]
    assert kinds("Wniosek poparła Fundacja Anny Dymnej.") == []


def test_ordinary_comments_keep_their_words() -> None:
    assert ("PERSON", "Nie") not in kinds("Ostrzegam przed tym Panem. Nie polecam nikomu.")
    assert kinds("Ogolnie bardzo polecam, ale drogo.") == []  # typed without diacritics
    assert kinds("Po protokole Pani Właściciel miała zadzwonić.") == []
    assert kinds("SAUNNA - ludzie to jak zobaczą, uciekają.") == []
