"""The demo consultations: Warsaw's social strategy (open), Wspólnota (closed), one upcoming."""

from __future__ import annotations

from consult.demo.specs import ConsultationSpec, OfficeSpec, SectionSpec

# Provenance of the draft texts below.
#
# * The strategy's name, its office, the "four strategic goals / nine operational goals" of the
#   adopted version and the values it names (samodzielność, usługi "szyte na miarę", wiedza,
#   profesjonalizm, solidarność społeczna) are public (wsparcie.um.warszawa.pl,
#   konsultacje.um.warszawa.pl). "Integracja i reintegracja społeczna i zawodowa" is the real
#   title of strategic goal 3 of the earlier Społeczna Strategia Warszawy 2009–2020
#   (spolecznastrategia.um.warszawa.pl). The demo draft places it in the 2021–2030 document.
# * The titles of the five assumptions (I.1–I.5) and of specific goals 3.1–3.10, and all prose,
#   are WRITTEN FOR THE DEMO in the style of Warsaw's strategies: the real titles could not be
#   found. They must not be presented as quotations of the adopted document.
# * Programme Wspólnota: the main goal "Dbamy o siebie nawzajem" (operational goal 1.1 of
#   Strategia #Warszawa2030) and the wording of its three specific goals are public
#   (um.warszawa.pl); their numbering here and all prose are written for the demo.
# * The third consultation is fictional.


def _html(*blocks: str) -> str:
    """Paragraphs and lists joined into one body; a block starting with "<" is kept as is."""
    return "".join(b if b.startswith("<") else f"<p>{b}</p>" for b in blocks)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


SOCIAL_OFFICE = OfficeSpec(
    name="Biuro Pomocy i Projektów Społecznych Urzędu m.st. Warszawy",
    address="ul. Leona Kruczkowskiego 2, 00-412 Warszawa",
    email="konsultacje.bpips@example.org",
    phone="+48 22 000 00 00",
    website="https://wsparcie.um.warszawa.pl",
)

COMMUNITY_OFFICE = OfficeSpec(
    name="Centrum Komunikacji Społecznej Urzędu m.st. Warszawy",
    address="pl. Bankowy 2, 00-095 Warszawa",
    email="konsultacje.cks@example.org",
    phone="+48 22 000 00 01",
    website="https://um.warszawa.pl",
)

DEMO_NOTE = (
    "Dane demonstracyjne: treść projektu, osoby kontaktowe i wszystkie uwagi zostały "
    "przygotowane na potrzeby pokazu systemu i nie pochodzą z rzeczywistych konsultacji."
)

_HOW_TO = _html(
    "Uwagi można zgłaszać na kilka sposobów:",
    _ul(
        "przez formularz przy każdym rozdziale projektu na tej stronie – można zacytować "
        "fragment tekstu, którego dotyczy uwaga;",
        "e-mailem, przesyłając wypełniony formularz zgłaszania uwag na adres osoby kontaktowej;",
        "listownie lub osobiście w kancelarii urzędu, z dopiskiem „Konsultacje”.",
    ),
    "Uwagi zgłoszone po terminie nie będą rozpatrywane. Po zakończeniu konsultacji "
    "opublikujemy raport z odpowiedziami na zgłoszone uwagi.",
)

# --- 1. Strategia rozwiązywania problemów społecznych 2021–2030 (open) ---------------------

_INTRO = SectionSpec(
    number="",
    title="Wprowadzenie",
    kind="chapter",
    body_html=_html(
        "Strategia rozwiązywania problemów społecznych m.st. Warszawy na lata 2021–2030 "
        "określa, jak miasto będzie wspierać osoby i rodziny w trudnej sytuacji życiowej, "
        "której nie są w stanie przezwyciężyć samodzielnie. Jest dokumentem wymaganym "
        "ustawą o pomocy społecznej i rozwija zapisy Strategii #Warszawa2030.",
        "Projekt powstał we współpracy z dzielnicowymi ośrodkami pomocy społecznej, "
        "organizacjami pozarządowymi, radami seniorów i młodzieżowymi radami dzielnic, "
        "a także z mieszkańcami, którzy wzięli udział w konsultacjach diagnozy. Zebrane "
        "wtedy uwagi dotyczyły przede wszystkim dostępności usług, czasu oczekiwania na "
        "wsparcie i komunikacji ośrodków z mieszkańcami.",
        "Dokument składa się z założeń, kontekstu społecznego oraz celów strategicznych "
        "z celami szczegółowymi i kierunkami działań. W tej wersji projektu do konsultacji "
        "przedstawiamy <strong>cel strategiczny 3</strong>, poświęcony integracji "
        "i reintegracji społecznej i zawodowej.",
        "Strategia będzie realizowana przez programy operacyjne i dzielnicowe plany "
        "działania. Co dwa lata przygotujemy raport z monitoringu, a w 2026 roku "
        "przeprowadzimy ewaluację śródokresową.",
    ),
)

_ASSUMPTIONS = SectionSpec(
    number="I",
    title="Założenia strategii",
    kind="part",
    body_html=_html(
        "Strategia opiera się na pięciu założeniach. Wyznaczają one sposób myślenia "
        "o pomocy społecznej we wszystkich celach i kierunkach działań."
    ),
    children=(
        SectionSpec(
            number="I.1",
            title="Samodzielność osób i rodzin jako cel wsparcia",
            kind="chapter",
            body_html=_html(
                "Celem pomocy jest odzyskanie lub utrzymanie samodzielności, a nie trwałe "
                "korzystanie ze świadczeń. Wsparcie planujemy razem z osobą, której dotyczy, "
                "i opieramy na jej zasobach, a nie wyłącznie na deficytach.",
                "Pracownik socjalny staje się przewodnikiem, który pomaga znaleźć "
                "rozwiązanie, a nie urzędnikiem rozliczającym z dokumentów. Oznacza to "
                "rozdzielenie pracy socjalnej od obsługi świadczeń pieniężnych.",
                "Samodzielność rozumiemy szeroko: jako możliwość decydowania o sobie, "
                "utrzymania się z pracy, mieszkania we własnym domu i uczestniczenia "
                "w życiu sąsiedztwa.",
            ),
        ),
        SectionSpec(
            number="I.2",
            title="Usługi dopasowane do potrzeb i bliskie miejsca zamieszkania",
            kind="chapter",
            body_html=_html(
                "Pomoc ma być „szyta na miarę”: dopasowana do indywidualnej sytuacji, "
                "elastyczna i dostępna możliwie blisko domu. Zamiast jednego katalogu "
                "świadczeń proponujemy koszyk usług, z którego wspólnie wybiera się "
                "najlepsze rozwiązanie.",
                "Będziemy rozwijać usługi świadczone w społeczności lokalnej – opiekuńcze, "
                "asystenckie, mieszkalnictwo wspomagane – tak, aby ograniczać potrzebę "
                "umieszczania osób w placówkach całodobowych.",
            ),
        ),
        SectionSpec(
            number="I.3",
            title="Profilaktyka i wczesne reagowanie",
            kind="chapter",
            body_html=_html(
                "Taniej i skuteczniej jest zapobiegać kryzysom niż je rozwiązywać. Dlatego "
                "część środków przeznaczymy na działania wyprzedzające: wczesne "
                "rozpoznawanie zadłużenia czynszowego, wsparcie rodzin w kryzysie "
                "i programy dla osób zagrożonych osamotnieniem.",
                "Wczesne reagowanie wymaga wymiany informacji między ośrodkami pomocy "
                "społecznej, szkołami, podmiotami leczniczymi i zarządcami zasobu "
                "mieszkaniowego, z poszanowaniem ochrony danych osobowych.",
                "Profilaktyka obejmuje także promocję zdrowego stylu życia i dobrych "
                "relacji oraz budowanie pozytywnego wizerunku pomocy społecznej, tak aby "
                "mieszkańcy nie obawiali się po nią sięgać.",
            ),
        ),
        SectionSpec(
            number="I.4",
            title="Solidarność społeczna i partnerstwo",
            kind="chapter",
            body_html=_html(
                "Rozwiązywanie problemów społecznych jest wspólnym zadaniem samorządu, "
                "organizacji pozarządowych, podmiotów ekonomii społecznej, wspólnot "
                "religijnych, biznesu i samych mieszkańców.",
                "Miasto będzie zlecać organizacjom pozarządowym realizację usług "
                "w trybie wieloletnim, tak aby zapewnić ciągłość wsparcia i stabilność "
                "zespołów. Będziemy też wspierać wolontariat i pomoc sąsiedzką.",
            ),
        ),
        SectionSpec(
            number="I.5",
            title="Decyzje oparte na wiedzy i mierzalnych wskaźnikach",
            kind="chapter",
            body_html=_html(
                "Każdy cel szczegółowy ma przypisane wskaźniki rezultatu, wartości bazowe "
                "i docelowe. Dane będą zbierane corocznie i publikowane w formie otwartej.",
                "Będziemy korzystać z badań, ewaluacji i doświadczeń innych miast, "
                "a wyniki monitoringu posłużą do korekty programów operacyjnych. "
                "Wskaźniki zostaną doprecyzowane w programach po konsultacjach.",
                "Wiedza o potrzebach pochodzi również od samych mieszkańców, dlatego "
                "w ocenie usług będziemy uwzględniać opinie osób z nich korzystających.",
            ),
        ),
    ),
)

_CONTEXT = SectionSpec(
    number="II",
    title="Kontekst społeczny i diagnoza",
    kind="chapter",
    body_html=_html(
        "Warszawa jest miastem zamożnym na tle kraju, ale różnice między dzielnicami "
        "i osiedlami pozostają wyraźne. Na obszarach o największej koncentracji problemów "
        "społecznych wskaźnik korzystania z pomocy społecznej jest kilkukrotnie wyższy "
        "niż średnio w mieście.",
        "Najważniejsze zjawiska, które uwzględnia strategia:",
        _ul(
            "starzenie się mieszkańców i rosnąca liczba osób starszych mieszkających samotnie;",
            "wysokie koszty najmu mieszkań i długi czas oczekiwania na lokal z zasobu miasta;",
            "utrzymująca się bezdomność, w tym bezdomność ukryta;",
            "napływ osób z Ukrainy po 24 lutego 2022 r. i potrzeba ich długofalowej integracji;",
            "pogarszająca się kondycja psychiczna dzieci i młodzieży po pandemii COVID-19;",
            "braki kadrowe w pomocy społecznej i niskie wynagrodzenia w sektorze.",
        ),
        "Bezrobocie rejestrowane w Warszawie jest niskie, jednak wśród osób bezrobotnych "
        "przeważają osoby długotrwale bezrobotne, z niskimi kwalifikacjami, "
        "z niepełnosprawnościami lub po pięćdziesiątym roku życia. Dla tych osób sam "
        "dostęp do ofert pracy nie wystarcza.",
        "Diagnoza pokazuje również, że część mieszkańców nie wie, gdzie szukać wsparcia, "
        "a pomoc społeczna wciąż kojarzy się z ubóstwem i wstydem. Zmiana tego wizerunku "
        "jest warunkiem skuteczności wszystkich działań strategii.",
    ),
)


def _goal(number: str, title: str, *blocks: str) -> SectionSpec:
    return SectionSpec(number=number, title=title, kind="specific_goal", body_html=_html(*blocks))


_SPECIFIC_GOALS = (
    _goal(
        "3.1",
        "Powrót na rynek pracy osób długotrwale bezrobotnych i biernych zawodowo",
        "Wspieramy osoby pozostające bez pracy dłużej niż rok oraz osoby bierne zawodowo, "
        "które chcą wrócić do pracy. Łączymy pracę socjalną z usługami rynku pracy "
        "i wsparciem w rozwiązywaniu problemów, które utrudniają podjęcie zatrudnienia.",
        "Kierunki działań:",
        _ul(
            "indywidualne plany wyjścia z bezrobocia przygotowywane wspólnie "
            "z Urzędem Pracy m.st. Warszawy;",
            "staże i zatrudnienie wspierane z udziałem trenera pracy;",
            "współpraca z pracodawcami w ramach klauzul społecznych w zamówieniach miasta;",
            "opieka nad osobami zależnymi w czasie udziału w szkoleniach.",
        ),
        "Szczególną uwagę zwracamy na osoby po pięćdziesiątym roku życia, opiekunów osób "
        "zależnych wracających na rynek pracy oraz osoby z zadłużeniem, dla których "
        "podjęcie legalnej pracy wiąże się z egzekucją komorniczą.",
    ),
    _goal(
        "3.2",
        "Wychodzenie z bezdomności i zapobieganie utracie mieszkania",
        "Celem jest skrócenie czasu przebywania w kryzysie bezdomności oraz ograniczenie "
        "liczby eksmisji do bezdomności. Rozwijamy system, w którym mieszkanie jest "
        "punktem wyjścia, a nie nagrodą za przejście kolejnych etapów wsparcia.",
        "Kierunki działań:",
        _ul(
            "rozwój programu „Najpierw mieszkanie” z wykorzystaniem lokali z zasobu miasta;",
            "mieszkania treningowe i wspierane dla osób opuszczających schroniska;",
            "streetworking i całoroczne wsparcie osób przebywających w przestrzeni publicznej;",
            "wczesne wykrywanie zadłużenia czynszowego i pomoc w jego spłacie.",
        ),
        "Zachowamy całodobowe miejsca interwencyjne, w tym ogrzewalnie w okresie zimowym, "
        "jednak docelowo środki będą przesuwane w stronę trwałych rozwiązań "
        "mieszkaniowych. Standard placówek dla osób w kryzysie bezdomności będzie "
        "podnoszony zgodnie z przepisami.",
        "Wskaźnikiem rezultatu jest liczba osób, które po roku od zakończenia wsparcia "
        "nadal samodzielnie utrzymują mieszkanie.",
    ),
    _goal(
        "3.3",
        "Rozwój ekonomii społecznej oraz centrów i klubów integracji społecznej",
        "Centra Integracji Społecznej (CIS) i Kluby Integracji Społecznej (KIS) pozwalają "
        "osobom zagrożonym wykluczeniem odbudować nawyk pracy, zdobyć kwalifikacje "
        "i odzyskać wiarę we własne możliwości. W Warszawie działa ich wciąż zbyt mało "
        "w stosunku do potrzeb.",
        "Będziemy wspierać powstawanie nowych CIS i KIS, zwłaszcza w dzielnicach, w których "
        "ich brakuje, oraz tworzenie spółdzielni socjalnych przez absolwentów tych "
        "placówek. Miasto będzie częściej zamawiać usługi u podmiotów ekonomii społecznej.",
        "Kierunki działań:",
        _ul(
            "stałe finansowanie reintegracji społecznej i zawodowej w CIS i KIS;",
            "zastrzeganie zamówień dla przedsiębiorstw społecznych;",
            "doradztwo i lokale użytkowe na preferencyjnych warunkach dla spółdzielni socjalnych.",
        ),
    ),
    _goal(
        "3.4",
        "Niezależne życie osób z niepełnosprawnościami w społeczności lokalnej",
        "Osoby z niepełnosprawnościami mają prawo do życia w społeczności, na równi "
        "z innymi. Rozwijamy usługi, które umożliwiają im naukę, pracę i mieszkanie "
        "we własnym domu zamiast w placówce całodobowej.",
        "Kierunki działań:",
        _ul(
            "asystencja osobista dostępna niezależnie od wieku i rodzaju niepełnosprawności;",
            "mieszkania wspomagane i treningowe;",
            "zatrudnienie wspomagane oraz wsparcie w przejściu ze szkoły do pracy;",
            "opieka wytchnieniowa dla rodzin i opiekunów.",
        ),
        "Wszystkie usługi będą projektowane zgodnie z Konwencją o prawach osób "
        "niepełnosprawnych i standardami dostępności, z udziałem samych osób "
        "z niepełnosprawnościami.",
    ),
    _goal(
        "3.5",
        "Przeciwdziałanie osamotnieniu i wykluczeniu osób starszych",
        "Coraz więcej seniorek i seniorów mieszka samotnie, a osamotnienie zwiększa ryzyko "
        "chorób, depresji i utraty samodzielności. Chcemy, aby osoby starsze mogły jak "
        "najdłużej żyć we własnym mieszkaniu i uczestniczyć w życiu sąsiedztwa.",
        "Rozwijamy usługi opiekuńcze w miejscu zamieszkania, teleopiekę, dzienne domy "
        "pobytu i kluby seniora. Wspieramy wolontariat i programy sąsiedzkie, w których "
        "mieszkańcy pomagają sobie nawzajem w codziennych sprawach.",
        "Kierunki działań:",
        _ul(
            "zwiększenie liczby godzin usług opiekuńczych i skrócenie czasu oczekiwania;",
            "rozwój teleopieki i „złotej rączki” dla seniorów;",
            "aktywne wyszukiwanie osób samotnych we współpracy z przychodniami i parafiami.",
        ),
    ),
    _goal(
        "3.6",
        "Integracja cudzoziemców, w tym osób uchodźczych",
        "Warszawa jest miastem wielu kultur. Po 24 lutego 2022 roku w mieście zamieszkały "
        "dziesiątki tysięcy osób z Ukrainy, głównie kobiet z dziećmi. Naszym celem jest "
        "ich trwała integracja: nauka języka, praca zgodna z kwalifikacjami, mieszkanie "
        "i udział w życiu lokalnym.",
        "Kierunki działań:",
        _ul(
            "bezpłatne kursy języka polskiego na różnych poziomach, także wieczorowe i weekendowe;",
            "punkty informacyjne dla cudzoziemców w dzielnicach;",
            "wsparcie w uznawaniu kwalifikacji i dyplomów;",
            "asystenci międzykulturowi w szkołach i ośrodkach pomocy społecznej.",
        ),
        "Integracja jest procesem dwustronnym, dlatego działania obejmą też "
        "przeciwdziałanie dyskryminacji i budowanie relacji sąsiedzkich między "
        "mieszkańcami różnego pochodzenia.",
    ),
    _goal(
        "3.7",
        "Usamodzielnianie młodzieży opuszczającej pieczę zastępczą",
        "Młodzi ludzie opuszczający rodziny zastępcze i placówki opiekuńczo-wychowawcze "
        "często zostają sami w momencie, w którym potrzebują największego wsparcia. "
        "Brak mieszkania i sieci kontaktów zwiększa ryzyko bezdomności i bezrobocia.",
        "Każda osoba usamodzielniana otrzyma opiekuna usamodzielnienia i możliwość "
        "zamieszkania w mieszkaniu treningowym. Będziemy wspierać kontynuowanie nauki "
        "i pierwsze kroki na rynku pracy.",
        "Proces usamodzielnienia powinien zaczynać się kilka lat przed osiągnięciem "
        "pełnoletności, a nie w dniu opuszczenia pieczy.",
    ),
    _goal(
        "3.8",
        "Reintegracja osób uzależnionych i opuszczających zakłady karne",
        "Osoby po terapii uzależnień i po odbyciu kary pozbawienia wolności potrzebują "
        "wsparcia w powrocie do rodziny, pracy i mieszkania. Bez niego ryzyko nawrotu "
        "i powrotu do przestępstwa jest bardzo wysokie.",
        "Rozwijamy mieszkania readaptacyjne, grupy wsparcia i programy zatrudnienia "
        "we współpracy z podmiotami ekonomii społecznej. Wspieramy także rodziny osób "
        "uzależnionych, w tym dzieci.",
    ),
    _goal(
        "3.9",
        "Przeciwdziałanie wykluczeniu cyfrowemu",
        "Coraz więcej spraw urzędowych, medycznych i bankowych załatwia się przez "
        "internet. Osoby bez umiejętności cyfrowych lub bez sprzętu tracą dostęp "
        "do usług i informacji.",
        "Będziemy prowadzić bezpłatne zajęcia z obsługi komputera i smartfona w bibliotekach, "
        "klubach seniora i Miejscach Aktywności Lokalnej, a także wypożyczać sprzęt. "
        "Jednocześnie każda usługa miejska pozostanie dostępna także bez internetu.",
    ),
    _goal(
        "3.10",
        "Rozwój Miejsc Aktywności Lokalnej i wsparcia sąsiedzkiego",
        "Miejsca Aktywności Lokalnej (MAL) to otwarte przestrzenie, w których mieszkańcy "
        "spotykają się, organizują wspólne działania i uzyskują wsparcie. Dobrze działający "
        "MAL jest często pierwszym miejscem, do którego trafia osoba w kryzysie.",
        "Chcemy, aby w każdej dzielnicy działał co najmniej jeden MAL, a na obszarach "
        "o największych potrzebach – kilka. Będziemy wspierać animatorów lokalnych "
        "i łączyć MAL z ośrodkami pomocy społecznej.",
        "Finansowanie MAL będzie wieloletnie, a standard ich działania opracujemy "
        "wspólnie z organizacjami, które je prowadzą.",
    ),
)

_GOAL_3 = SectionSpec(
    number="3",
    title="Integracja i reintegracja społeczna i zawodowa",
    kind="strategic_goal",
    body_html=_html(
        "Każda osoba mieszkająca w Warszawie, bez względu na sytuację materialną, stan "
        "zdrowia, wiek czy pochodzenie, powinna mieć szansę na pracę, mieszkanie "
        "i udział w życiu społecznym. Cel strategiczny 3 obejmuje działania, które "
        "zapobiegają wykluczeniu i pomagają z niego wyjść.",
        "Cel realizujemy przez dziesięć celów szczegółowych. Ich wspólną cechą jest "
        "łączenie pracy socjalnej, usług społecznych i aktywizacji zawodowej oraz "
        "współpraca z organizacjami pozarządowymi i podmiotami ekonomii społecznej.",
    ),
    children=_SPECIFIC_GOALS,
)

STRATEGY_SLUG = "strategia-rozwiazywania-problemow-spolecznych-2030"

STRATEGY = ConsultationSpec(
    slug=STRATEGY_SLUG,
    title="Konsultacje projektu Strategii rozwiązywania problemów społecznych m.st. Warszawy "
    "na lata 2021–2030",
    office=SOCIAL_OFFICE,
    lead="Jak skuteczniej wspierać osoby i rodziny w trudnej sytuacji? Poznaj projekt "
    "strategii i zgłoś swoje uwagi. " + DEMO_NOTE,
    description_html=_html(
        "Zapraszamy do konsultacji projektu strategii, która wyznaczy kierunki polityki "
        "społecznej Warszawy do 2030 roku. Chcemy poznać opinie mieszkanek i mieszkańców, "
        "organizacji pozarządowych i instytucji o tym, czy proponowane cele i działania "
        "odpowiadają na rzeczywiste potrzeby.",
        "Szczególnie zależy nam na uwagach dotyczących celu strategicznego 3 "
        "„Integracja i reintegracja społeczna i zawodowa” oraz wskaźników, po których "
        "poznamy, czy strategia przynosi efekty.",
        f"<p><strong>{DEMO_NOTE}</strong></p>",
    ),
    legal_basis="Art. 6 ustawy z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki "
    "rozwoju; art. 17 ust. 1 pkt 1 ustawy z dnia 12 marca 2004 r. o pomocy społecznej; "
    "uchwała Rady m.st. Warszawy w sprawie zasad i trybu przeprowadzania konsultacji "
    "społecznych z mieszkańcami m.st. Warszawy.",
    who_may_participate="Wszyscy zainteresowani: mieszkanki i mieszkańcy Warszawy, "
    "organizacje pozarządowe, instytucje, przedsiębiorcy oraz osoby spoza Warszawy, które "
    "korzystają z usług miasta.",
    how_to_participate_html=_HOW_TO,
    contact_name="Anna Przykładowa",
    contact_email="anna.przykladowa@example.org",
    contact_phone="+48 22 000 00 10",
    document_title="Strategia rozwiązywania problemów społecznych m.st. Warszawy na lata "
    "2021–2030 (projekt)",
    sections=(_INTRO, _ASSUMPTIONS, _CONTEXT, _GOAL_3),
    opened_days_ago=10,
    duration_days=45,
    status="open",
)

# --- 2. Program Wspólnota 2021–2025 (closed) ------------------------------------------------

_COMMUNITY_SECTIONS = (
    SectionSpec(
        number="",
        title="Wprowadzenie",
        kind="chapter",
        body_html=_html(
            "Program Wspólnota jest programem wykonawczym Strategii #Warszawa2030. Realizuje "
            "cel operacyjny 1.1 „Dbamy o siebie nawzajem” w ramach celu strategicznego "
            "„Odpowiedzialna wspólnota”.",
            "Adresatami programu są wszyscy mieszkańcy i użytkownicy Warszawy. Program "
            "realizują biura urzędu i dzielnice we współpracy z instytucjami kultury, "
            "organizacjami pozarządowymi i grupami nieformalnymi.",
            "Program kontynuuje doświadczenia Programu Wzmacniania Wspólnoty Lokalnej "
            "na lata 2015–2020, w tym sieć Miejsc Aktywności Lokalnej.",
        ),
    ),
    SectionSpec(
        number="1.1",
        title="Dbamy o siebie nawzajem",
        kind="strategic_goal",
        body_html=_html(
            "Tworzenie wspólnoty mieszkańców to budowanie więzi społecznych, czyli "
            "wzajemnych relacji między ludźmi. Postawa dbania o siebie nawzajem wymaga "
            "otwartości na drugiego człowieka i wzajemnego szacunku, niezależnie od "
            "pochodzenia, wieku, stanu zdrowia czy poglądów.",
            "Projekty programu będą realizowane na poziomie ogólnomiejskim i w dzielnicach. "
            "Projekty parasolowe zapewnią wspólne standardy i wymianę dobrych praktyk, "
            "a projekty dzielnicowe pozwolą odpowiadać na lokalne potrzeby.",
        ),
        children=(
            SectionSpec(
                number="1.1.1",
                title="Wzmacnianie postaw otwartości na różnorodność, korzystanie z jej "
                "potencjału i wspieranie osób narażonych na dyskryminację",
                kind="specific_goal",
                body_html=_html(
                    "Warszawa jest coraz bardziej różnorodna. Chcemy, aby różnice były "
                    "źródłem rozwoju, a nie konfliktów. Będziemy prowadzić działania "
                    "edukacyjne i antydyskryminacyjne w szkołach, instytucjach kultury "
                    "i miejscach spotkań mieszkańców.",
                    "Wesprzemy osoby narażone na dyskryminację, w tym cudzoziemców, osoby "
                    "z niepełnosprawnościami i osoby starsze, m.in. przez punkty "
                    "poradnictwa i szkolenia dla pracowników urzędu.",
                ),
            ),
            SectionSpec(
                number="1.1.2",
                title="Wzmacnianie identyfikacji z miejscem i poczucia bycia u siebie",
                kind="specific_goal",
                body_html=_html(
                    "Poczucie bycia u siebie rodzi się z relacji z sąsiadami i z miejscem. "
                    "Będziemy wspierać święta sąsiedzkie, lokalne inicjatywy historyczne "
                    "i działania w przestrzeni podwórek i skwerów.",
                    "Rozwiniemy sieć Miejsc Aktywności Lokalnej, tak aby każdy mieszkaniec "
                    "miał w zasięgu spaceru miejsce, w którym może spotkać sąsiadów "
                    "i zrealizować własny pomysł.",
                    "Szczególną uwagę poświęcimy nowym osiedlom, na których brakuje "
                    "miejsc spotkań i więzi między mieszkańcami.",
                ),
            ),
            SectionSpec(
                number="1.1.3",
                title="Tworzenie warunków do angażowania się na rzecz dobra wspólnego",
                kind="specific_goal",
                body_html=_html(
                    "Chcemy, aby zaangażowanie w sprawy sąsiedztwa było proste. Uprościmy "
                    "procedury inicjatywy lokalnej i mikrograntów oraz będziemy promować "
                    "wolontariat, w tym wolontariat seniorów i młodzieży.",
                    "Wspieramy grupy nieformalne i rady osiedli oraz uczymy pracowników "
                    "urzędu współpracy z aktywnymi mieszkańcami.",
                ),
            ),
        ),
    ),
    SectionSpec(
        number="2",
        title="Realizacja, finansowanie i monitoring programu",
        kind="chapter",
        body_html=_html(
            "Program jest finansowany z budżetu m.st. Warszawy, w tym z budżetów dzielnic, "
            "oraz ze środków zewnętrznych. Koordynatorem jest Centrum Komunikacji "
            "Społecznej.",
            "Co roku przygotujemy sprawozdanie z realizacji programu, a po trzech latach "
            "ewaluację. Rada Programu, w której zasiadają przedstawiciele organizacji "
            "i dzielnic, będzie opiniować zmiany.",
        ),
    ),
)

COMMUNITY_SLUG = "program-wspolnota-2021-2025"

COMMUNITY = ConsultationSpec(
    slug=COMMUNITY_SLUG,
    title="Konsultacje projektu „Programu Wspólnota na lata 2021–2025”",
    office=COMMUNITY_OFFICE,
    lead="Jak rozwijać i wspierać lokalne społeczności w Warszawie? Jak dbać o siebie "
    "nawzajem? Konsultacje zakończone – dziękujemy za wszystkie uwagi. " + DEMO_NOTE,
    description_html=_html(
        "Program Wspólnota określa, jak miasto będzie wspierać więzi sąsiedzkie, "
        "otwartość na różnorodność i zaangażowanie mieszkańców w latach 2021–2025.",
        "Konsultacje zostały zakończone. Raport z konsultacji wraz z odpowiedziami "
        "na uwagi zostanie opublikowany na tej stronie.",
        f"<p><strong>{DEMO_NOTE}</strong></p>",
    ),
    legal_basis="Uchwała Rady m.st. Warszawy w sprawie zasad i trybu przeprowadzania "
    "konsultacji społecznych z mieszkańcami m.st. Warszawy; art. 5 ust. 5 ustawy z dnia "
    "24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie.",
    who_may_participate="Wszyscy zainteresowani: mieszkańcy, organizacje pozarządowe, "
    "grupy nieformalne, instytucje i przedsiębiorcy.",
    how_to_participate_html=_HOW_TO,
    contact_name="Jan Testowy",
    contact_email="jan.testowy@example.org",
    contact_phone="+48 22 000 00 11",
    document_title="Program Wspólnota na lata 2021–2025 (projekt)",
    sections=_COMMUNITY_SECTIONS,
    opened_days_ago=58,
    duration_days=38,
    status="closed",
)

# --- 3. Upcoming, fictional -----------------------------------------------------------------

UPCOMING_SLUG = "program-sasiedzkie-wsparcie-seniorow-2027-2030"

UPCOMING = ConsultationSpec(
    slug=UPCOMING_SLUG,
    title="Konsultacje projektu programu „Sąsiedzkie wsparcie seniorów” na lata 2027–2030",
    office=SOCIAL_OFFICE,
    lead="Konsultacje rozpoczną się za tydzień. Już teraz możesz zapoznać się z projektem. "
    + DEMO_NOTE,
    description_html=_html(
        "Program ma pomóc osobom starszym mieszkającym samotnie w codziennych sprawach "
        "dzięki sieci wolontariuszy i sąsiadów współpracujących z ośrodkami pomocy "
        "społecznej.",
        f"<p><strong>{DEMO_NOTE}</strong></p>",
    ),
    legal_basis="Uchwała Rady m.st. Warszawy w sprawie zasad i trybu przeprowadzania "
    "konsultacji społecznych z mieszkańcami m.st. Warszawy.",
    who_may_participate="Wszyscy zainteresowani, w szczególności seniorki i seniorzy, "
    "rady seniorów i organizacje działające na rzecz osób starszych.",
    how_to_participate_html=_HOW_TO,
    contact_name="Ewa Demonstracyjna",
    contact_email="ewa.demonstracyjna@example.org",
    contact_phone="+48 22 000 00 12",
    document_title="Program „Sąsiedzkie wsparcie seniorów” na lata 2027–2030 (projekt)",
    sections=(
        SectionSpec(
            number="1",
            title="Cel programu",
            kind="chapter",
            body_html=_html(
                "Celem programu jest ograniczenie osamotnienia osób starszych i ułatwienie "
                "im samodzielnego życia we własnym mieszkaniu.",
                "Program łączy wolontariat sąsiedzki z usługami ośrodków pomocy społecznej.",
            ),
        ),
        SectionSpec(
            number="2",
            title="Działania",
            kind="chapter",
            body_html=_html(
                _ul(
                    "sieć „sąsiadów-łączników” w budynkach wielorodzinnych;",
                    "telefon życzliwości prowadzony przez wolontariuszy;",
                    "drobne naprawy i pomoc w zakupach.",
                )
            ),
        ),
    ),
    opened_days_ago=-7,
    duration_days=30,
    status="open",  # scheduled: residents see it as "opens in 7 days"
)


def consultations() -> list[ConsultationSpec]:
    """The demo consultations, open one first."""
    return [STRATEGY, COMMUNITY, UPCOMING]


def iter_sections(sections: tuple[SectionSpec, ...]) -> list[SectionSpec]:
    """Every section of a draft tree in reading order (parents before children)."""
    out: list[SectionSpec] = []
    for section in sections:
        out.append(section)
        out.extend(iter_sections(section.children))
    return out
