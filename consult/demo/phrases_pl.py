"""Polish phrase banks for demo comments: openers and closers by tone, remarks by theme."""
# ruff: noqa: E501

from __future__ import annotations

OPENERS: dict[str, tuple[str, ...]] = {
    "supportive": (
        "Bardzo dobrze, że ten temat w ogóle znalazł się w dokumencie.",
        "Popieram kierunek zaproponowany w tym rozdziale.",
        "Dziękuję za ten zapis, długo na niego czekaliśmy.",
        "Cieszę się, że miasto wreszcie o tym pisze.",
        "Ten fragment oceniam pozytywnie.",
        "Zgadzam się z diagnozą.",
    ),
    "critical": (
        "Mam poważne zastrzeżenia do tego rozdziału.",
        "Niestety ten fragment jest bardzo ogólnikowy.",
        "Zapisy brzmią dobrze, ale nie wynika z nich nic konkretnego.",
        "Nie zgadzam się z takim postawieniem sprawy.",
        "To już było w poprzednim dokumencie i nic z tego nie wyszło.",
        "Brakuje mi tu odniesienia do rzeczywistości.",
    ),
    "angry": (
        "Szczerze? Ręce opadają.",
        "Kolejny dokument, który niczego nie zmieni.",
        "Piszecie o wsparciu, a w praktyce nie da się dodzwonić do ośrodka.",
        "Mam dość pięknych słów bez pokrycia.",
        "To jest kpina z ludzi, którzy naprawdę potrzebują pomocy.",
    ),
    "question": (
        "Mam pytanie do autorów.",
        "Nie rozumiem jednej rzeczy.",
        "Czy ktoś może wyjaśnić, jak to ma działać w praktyce?",
        "Chciałabym zapytać o szczegóły.",
        "Pytanie praktyczne:",
    ),
    "constructive": (
        "Proponuję doprecyzować ten zapis.",
        "Mam konkretną propozycję.",
        "Na podstawie naszych doświadczeń sugerujemy kilka zmian.",
        "Warto uzupełnić ten fragment.",
        "Zapis jest dobry, ale niepełny.",
    ),
}

CLOSERS: dict[str, tuple[str, ...]] = {
    "supportive": (
        "Trzymam kciuki za realizację.",
        "Oby tylko starczyło pieniędzy.",
        "Dziękuję i pozdrawiam.",
        "Chętnie pomogę jako wolontariuszka.",
    ),
    "critical": (
        "Proszę o poważne potraktowanie tej uwagi.",
        "Bez tego wszystko pozostanie na papierze.",
        "Liczę na odpowiedź w raporcie z konsultacji.",
    ),
    "angry": (
        "Wstyd.",
        "Obudźcie się wreszcie.",
        "Proszę przyjść i zobaczyć, jak to wygląda naprawdę.",
        "I tak pewnie nikt tego nie przeczyta.",
    ),
    "question": (
        "Będę wdzięczna za odpowiedź.",
        "Proszę o wyjaśnienie.",
        "Z góry dziękuję.",
    ),
    "constructive": (
        "Służymy pomocą przy pracach nad programem operacyjnym.",
        "Chętnie podzielimy się naszymi doświadczeniami.",
        "Pozdrawiam serdecznie.",
    ),
}

# Each theme: remarks (one or more sentences each), proposals, justifications.
THEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "seniors": {
        "remarks": (
            "Moja mama ma 84 lata i na usługi opiekuńcze czekała prawie cztery miesiące.",
            "Osamotnienie seniorów to nie tylko brak opieki, ale brak rozmowy z drugim człowiekiem.",
            "W naszym bloku mieszka kilka samotnych starszych osób, które wychodzą z domu raz w tygodniu.",
            "Teleopieka działa, ale wiele osób nie wie, że może z niej skorzystać.",
            "Kluby seniora są przepełnione, a zajęcia kończą się o 14, kiedy część osób jeszcze pracuje lub opiekuje się wnukami.",
            "Brakuje dziennych domów pobytu dla osób z demencją, a rodziny są na skraju wyczerpania.",
            "Opiekunki z ośrodka mają po kilkanaście osób dziennie i nie mają czasu nawet usiąść na herbatę.",
            "Seniorzy na Bródnie i Targówku mają znacznie gorszy dostęp do zajęć niż na Mokotowie.",
            "Złota rączka dla seniora to świetny pomysł, ale w mojej dzielnicy zapisy kończą się po godzinie.",
            "Osoby starsze boją się prosić o pomoc, bo myślą, że trafią do domu pomocy społecznej.",
            "Warto pamiętać o opiekunach – często to także seniorzy, opiekujący się chorym małżonkiem.",
        ),
        "proposals": (
            "Dopisać wskaźnik: maksymalny czas oczekiwania na usługi opiekuńcze – 14 dni.",
            "Wprowadzić wieczorne i weekendowe zajęcia w klubach seniora.",
            "Utworzyć w każdej dzielnicy dzienny dom pobytu dla osób z zaburzeniami otępiennymi.",
            "Dodać kierunek działań: wsparcie opiekunów nieformalnych osób starszych, w tym opieka wytchnieniowa.",
            "Zapisać program „telefon życzliwości” prowadzony z organizacjami seniorskimi.",
        ),
        "justifications": (
            "Liczba osób po 80. roku życia w Warszawie szybko rośnie, a usługi nie nadążają.",
            "Opieka w domu jest tańsza i bardziej humanitarna niż umieszczenie w placówce.",
            "Osamotnienie jest czynnikiem ryzyka porównywalnym z paleniem tytoniu.",
            "Tak działa to w innych miastach i przynosi efekty.",
        ),
    },
    "homelessness": {
        "remarks": (
            "Program „Najpierw mieszkanie” w Warszawie obejmuje kilkadziesiąt osób, a potrzeby liczy się w tysiącach.",
            "Mieszkanie nie może być nagrodą za abstynencję i posłuszeństwo – to warunek wyjścia z kryzysu.",
            "Schroniska są przepełnione, a standard w niektórych jest po prostu nieludzki.",
            "Pracuję jako streetworker i widzę, że osoby w kryzysie bezdomności latem są pozostawione same sobie.",
            "Sam przez trzy lata mieszkałem w noclegowni. Wyszedłem, bo ktoś dał mi klucze do mieszkania, a nie kolejny regulamin.",
            "Nie rozumiem, dlaczego pustostany z zasobu miasta stoją latami, skoro ludzie śpią na klatkach.",
            "Eksmisje do bezdomności to porażka systemu – zadłużenie można wyłapać dużo wcześniej.",
            "Na Dworcu Centralnym codziennie widać, że obecny system nie działa.",
            "Ogrzewalnie są potrzebne, ale to gaszenie pożaru, a nie rozwiązanie.",
            "Bezdomność kobiet jest w dokumencie niewidoczna, a przecież wiele kobiet ucieka przed przemocą.",
            "Mieszkańcy boją się sąsiedztwa mieszkań dla osób wychodzących z bezdomności – trzeba z nimi rozmawiać.",
        ),
        "proposals": (
            "Zapisać docelową liczbę mieszkań w programie „Najpierw mieszkanie”: co najmniej 200 do 2030 roku.",
            "Przeznaczyć co roku określoną pulę lokali z zasobu miasta na mieszkania wspierane.",
            "Dodać kierunek działań dotyczący bezdomności kobiet i matek z dziećmi.",
            "Wprowadzić całoroczny, a nie tylko zimowy, streetworking w każdej dzielnicy.",
            "Zastąpić wskaźnik liczby miejsc w schroniskach wskaźnikiem liczby osób, które wyszły z bezdomności.",
        ),
        "justifications": (
            "Badania z Finlandii i z polskiego pilotażu pokazują, że ponad 80% uczestników utrzymuje mieszkanie.",
            "Pobyt w schronisku przez wiele lat kosztuje miasto więcej niż najem mieszkania z wsparciem.",
            "Bez konkretnej liczby zapis jest deklaracją bez zobowiązania.",
            "Osoby w kryzysie bezdomności potrzebują stabilności, żeby w ogóle zacząć leczenie czy pracę.",
        ),
    },
    "mal": {
        "remarks": (
            "MAL na naszym osiedlu to jedyne miejsce, gdzie sąsiedzi w ogóle się poznali.",
            "Miejsca Aktywności Lokalnej działają od projektu do projektu i co roku drżymy, czy przetrwają.",
            "Animatorzy w MAL zarabiają grosze i szybko odchodzą, a relacje z mieszkańcami buduje się latami.",
            "Nie każdy MAL jest dostępny dla osób na wózku – nasz jest na pierwszym piętrze bez windy.",
            "W mojej dzielnicy MAL jest otwarty tylko trzy dni w tygodniu do 18.",
            "MAL-e powinny być bliżej ośrodków pomocy społecznej, ale nie mogą stać się ich filią.",
            "Brakuje MAL na nowych osiedlach na Białołęce, gdzie mieszka mnóstwo młodych rodzin.",
        ),
        "proposals": (
            "Zapewnić wieloletnie, co najmniej trzyletnie finansowanie MAL.",
            "Dopisać standard minimalny: otwarcie co najmniej 5 dni w tygodniu, także wieczorem.",
            "Dodać wskaźnik: liczba MAL dostępnych architektonicznie.",
            "Utworzyć MAL w każdym obszarze rewitalizacji i na nowych osiedlach.",
        ),
        "justifications": (
            "Stabilność finansowania to stabilność zespołu i zaufania mieszkańców.",
            "MAL jest często pierwszym miejscem kontaktu osoby w kryzysie z jakąkolwiek pomocą.",
            "Tylko wtedy z MAL skorzystają osoby pracujące.",
        ),
    },
    "cis_kis": {
        "remarks": (
            "CIS to dla wielu osób jedyna droga powrotu do pracy po latach przerwy.",
            "Kluby Integracji Społecznej są w dokumencie wymienione, ale nie ma ani słowa o ich finansowaniu.",
            "Prowadzimy CIS od dziesięciu lat i co roku zaczynamy od zera, bo dotacja przychodzi w marcu.",
            "Absolwenci CIS mają problem z utrzymaniem pracy, bo po zakończeniu programu zostają bez żadnego wsparcia.",
            "Świadczenie integracyjne w CIS jest tak niskie, że wiele osób rezygnuje na rzecz pracy na czarno.",
            "W całej prawej Warszawie jest za mało miejsc w CIS w stosunku do liczby chętnych.",
        ),
        "proposals": (
            "Zapisać zobowiązanie do finansowania CIS i KIS w trybie wieloletnim.",
            "Dodać kierunek działań: wsparcie absolwentów CIS przez 12 miesięcy po zakończeniu programu.",
            "Wskazać cel: co najmniej jeden KIS w każdej dzielnicy do 2026 roku.",
        ),
        "justifications": (
            "Reintegracja zawodowa trwa, a przerwy w finansowaniu niszczą efekty pracy.",
            "Okres tuż po zakończeniu programu jest najbardziej ryzykowny.",
        ),
    },
    "social_economy": {
        "remarks": (
            "Spółdzielnie socjalne mogłyby prowadzić stołówki szkolne czy zieleń osiedlową, ale przetargi wygrywa najniższa cena.",
            "Klauzule społeczne w zamówieniach miasta są stosowane rzadko i raczej symbolicznie.",
            "Ekonomia społeczna to nie tylko dotacje – to normalne firmy, które zatrudniają osoby wykluczone.",
            "Lokale użytkowe dla przedsiębiorstw społecznych są na ogół w fatalnym stanie technicznym.",
            "Kawiarnie społeczne w Warszawie pokazują, że to działa – warto je promować, a nie tylko tolerować.",
        ),
        "proposals": (
            "Wprowadzić wskaźnik: wartość zamówień miasta udzielonych podmiotom ekonomii społecznej, z wartością docelową.",
            "Stosować zamówienia zastrzeżone w każdym biurze i dzielnicy, a nie tylko w wybranych.",
            "Obniżyć czynsz za lokale dla przedsiębiorstw społecznych do stawki preferencyjnej.",
        ),
        "justifications": (
            "Bez popytu ze strony miasta przedsiębiorstwa społeczne nie przetrwają.",
            "Pozwala to łączyć politykę społeczną z rozsądnym wydawaniem pieniędzy publicznych.",
        ),
    },
    "disability": {
        "remarks": (
            "Asystencja osobista jest dostępna kilka godzin w tygodniu, a potrzeby są codzienne.",
            "Mój syn skończył szkołę specjalną i od dwóch lat siedzi w domu – nie ma dla niego żadnej oferty.",
            "Mieszkania wspomagane to piękny zapis, ale lista oczekujących jest dłuższa niż okres obowiązywania strategii.",
            "Dokument nie jest dostępny w tekście łatwym do czytania, więc osoby z niepełnosprawnością intelektualną nie mogą się do niego odnieść.",
            "Opiekunowie osób z niepełnosprawnościami nie mają kiedy odpocząć – opieka wytchnieniowa jest tylko na papierze.",
            "Jako osoba niewidoma nie mogę samodzielnie załatwić sprawy w ośrodku, bo formularze są tylko papierowe.",
            "Zatrudnienie wspomagane powinno być normą, a nie projektem pilotażowym.",
        ),
        "proposals": (
            "Zapewnić asystencję osobistą w wymiarze wynikającym z indywidualnej oceny potrzeb, bez górnego limitu godzin.",
            "Przygotować wersję strategii w tekście łatwym do czytania i w polskim języku migowym.",
            "Dopisać wskaźnik liczby osób, które przeprowadziły się z placówki całodobowej do mieszkania wspomaganego.",
            "Włączyć osoby z niepełnosprawnościami do zespołu monitorującego realizację strategii.",
        ),
        "justifications": (
            "Tego wymaga Konwencja ONZ o prawach osób niepełnosprawnych, którą Polska ratyfikowała.",
            "„Nic o nas bez nas” – to zasada, a nie hasło.",
            "Tylko tak można mierzyć deinstytucjonalizację, a nie liczbę miejsc.",
        ),
    },
    "refugees": {
        "remarks": (
            "Kursy polskiego są, ale w godzinach pracy, więc pracujące osoby z Ukrainy nie mogą z nich korzystać.",
            "Wiele Ukrainek pracuje poniżej kwalifikacji – lekarki sprzątają, nauczycielki pracują na magazynach.",
            "Integracja to także nasza, polska strona – sąsiedzi też muszą się czegoś nauczyć.",
            "Dzieci z Ukrainy w szkołach potrzebują asystentów międzykulturowych, a jest ich kilkoro na całą dzielnicę.",
            "Punkt informacyjny dla cudzoziemców w naszej dzielnicy działa dwa razy w tygodniu i zawsze jest kolejka.",
            "Uznawanie dyplomów trwa miesiącami i kosztuje, a miasto mogłoby przynajmniej pomóc w tłumaczeniach.",
            "W dokumencie jest mowa tylko o osobach z Ukrainy, a w Warszawie mieszkają też Białorusini, Wietnamczycy, Hindusi.",
            "Po trzech latach pomoc doraźna się skończyła, a ludzie zostali z niepewnym statusem i drogim najmem.",
        ),
        "proposals": (
            "Dodać kursy języka polskiego wieczorowe i weekendowe z opieką nad dziećmi.",
            "Zatrudnić asystentów międzykulturowych w każdym ośrodku pomocy społecznej.",
            "Dopisać kierunek działań: wsparcie w nostryfikacji dyplomów, w tym dofinansowanie tłumaczeń przysięgłych.",
            "Uwzględnić wszystkie grupy cudzoziemców, a nie tylko osoby z Ukrainy.",
        ),
        "justifications": (
            "Bez znajomości języka nie ma ani pracy zgodnej z kwalifikacjami, ani integracji.",
            "To się opłaca miastu – wykwalifikowane osoby płacą podatki i zapełniają luki kadrowe.",
            "Dwustronna integracja zmniejsza napięcia, które już widać w komentarzach w internecie.",
        ),
    },
    "addiction": {
        "remarks": (
            "Po terapii odwykowej człowiek wraca do tego samego środowiska i po miesiącu jest tam, gdzie był.",
            "Mieszkań readaptacyjnych jest tyle, że można je policzyć na palcach jednej ręki.",
            "Dzieci z rodzin z problemem alkoholowym są w tym rozdziale zupełnie pominięte.",
            "Brakuje wsparcia dla osób uzależnionych od hazardu i od internetu, a to rosnący problem wśród młodych.",
            "Osoby wychodzące z więzienia nie mają gdzie się zameldować ani jak założyć konta, a bez tego nie ma pracy.",
        ),
        "proposals": (
            "Zwiększyć liczbę mieszkań readaptacyjnych i zapisać wartość docelową.",
            "Dodać programy dla dzieci z rodzin z problemem uzależnień (DDA) w każdej dzielnicy.",
            "Wprowadzić współpracę z zakładami karnymi w przygotowaniu do wyjścia na wolność na pół roku przed zwolnieniem.",
        ),
        "justifications": (
            "Okres bezpośrednio po terapii i po wyjściu z zakładu karnego decyduje o nawrocie.",
            "Profilaktyka w rodzinie jest tańsza niż leczenie kolejnego pokolenia.",
        ),
    },
    "foster_care": {
        "remarks": (
            "Wychowałam się w domu dziecka i w dniu osiemnastych urodzin zostałam z jedną walizką.",
            "Opiekun usamodzielnienia często widzi się z podopiecznym raz na kwartał, bo ma ich kilkunastu.",
            "Mieszkania treningowe są, ale na dwa lata, a potem nie ma gdzie iść – czynsze w Warszawie są dla 20-latka nieosiągalne.",
            "Młodzież z pieczy potrzebuje przede wszystkim kogoś, do kogo może zadzwonić, a nie kolejnego urzędnika.",
            "Wsparcie finansowe na kontynuowanie nauki jest tak niskie, że nie pokrywa nawet biletu i jedzenia.",
        ),
        "proposals": (
            "Zagwarantować każdej osobie opuszczającej pieczę mieszkanie z zasobu miasta po okresie treningowym.",
            "Ograniczyć liczbę podopiecznych na jednego opiekuna usamodzielnienia.",
            "Dodać program mentoringu z udziałem wolontariuszy i byłych wychowanków.",
        ),
        "justifications": (
            "Co czwarta osoba bezdomna w Polsce ma za sobą pobyt w pieczy zastępczej.",
            "Relacja z zaufanym dorosłym jest ważniejsza niż jakiekolwiek świadczenie.",
        ),
    },
    "unemployment": {
        "remarks": (
            "Osoby długotrwale bezrobotne często mają długi i każda legalna praca oznacza komornika.",
            "Szkolenia z urzędu pracy są oderwane od rynku – kolejny kurs obsługi komputera nic nie da.",
            "Po pięćdziesiątce pracodawcy nawet nie odpisują na CV, żaden plan indywidualny tego nie zmieni.",
            "Nie da się wrócić do pracy, jeśli nie ma się z kim zostawić dziecka lub chorego rodzica.",
            "Trener pracy to bardzo dobre narzędzie, ale zatrudnia się ich na czas projektu.",
            "Pracodawcy chętnie zatrudnią, tylko potrzebują kogoś, kto pomoże na początku.",
        ),
        "proposals": (
            "Dodać wsparcie prawne i doradztwo dłużnicze jako element planu wyjścia z bezrobocia.",
            "Zapewnić opiekę nad osobami zależnymi w czasie szkoleń i pierwszych miesięcy pracy.",
            "Wprowadzić wskaźnik: odsetek osób pozostających w zatrudnieniu po 6 i 12 miesiącach.",
        ),
        "justifications": (
            "Zadłużenie jest jedną z głównych barier w podjęciu legalnej pracy.",
            "Liczba przeszkolonych osób nic nie mówi o skuteczności.",
        ),
    },
    "digital": {
        "remarks": (
            "Mój tata nie ma smartfona i przez to nie może zapisać się do lekarza ani sprawdzić recepty.",
            "Szkolenia cyfrowe dla seniorów są świetne, ale jednorazowe – po miesiącu wszystko się zapomina.",
            "Bardzo ważne, żeby każda sprawa dała się nadal załatwić przy okienku i przez telefon.",
            "Wykluczenie cyfrowe dotyczy też osób w kryzysie bezdomności, które nie mają gdzie naładować telefonu.",
            "Biblioteki robią tu kawał dobrej roboty, warto je wprost wymienić jako partnera.",
        ),
        "proposals": (
            "Wprowadzić stałe dyżury „cyfrowego pomocnika” w bibliotekach i klubach seniora.",
            "Zapisać gwarancję, że każda usługa miejska jest dostępna także bez internetu.",
            "Dodać punkty ładowania telefonów i darmowe Wi-Fi w placówkach dla osób w kryzysie bezdomności.",
        ),
        "justifications": (
            "Umiejętności cyfrowe wymagają regularnej praktyki, a nie jednego kursu.",
            "Cyfryzacja nie może wykluczać osób, które najbardziej potrzebują pomocy.",
        ),
    },
    "funding": {
        "remarks": (
            "W całym dokumencie nie ma ani jednej kwoty – nie wiadomo, ile to ma kosztować i skąd będą pieniądze.",
            "Wskaźniki są opisane ogólnie, bez wartości bazowych i docelowych, więc nie da się rozliczyć realizacji.",
            "Strategia zapowiada zlecanie zadań organizacjom, a konkursy wciąż są ogłaszane na jeden rok.",
            "Kto konkretnie odpowiada za realizację poszczególnych działań? Tego w dokumencie nie ma.",
            "Pracownicy socjalni zarabiają tak mało, że ośrodki nie mogą obsadzić etatów – bez tego żadna strategia się nie uda.",
            "Monitoring co dwa lata to za rzadko, żeby reagować na problemy.",
        ),
        "proposals": (
            "Dodać do każdego celu szczegółowego tabelę: wskaźnik, wartość bazowa, wartość docelowa, źródło danych.",
            "Dołączyć szacunkowe ramy finansowe strategii w podziale na lata.",
            "Wprowadzić coroczny, publiczny raport z realizacji strategii w formie otwartych danych.",
            "Zapisać wzrost wynagrodzeń w pomocy społecznej jako warunek realizacji strategii.",
        ),
        "justifications": (
            "Bez mierzalnych wskaźników nie można ocenić, czy strategia działa.",
            "Tak wynika z ustawy o zasadach prowadzenia polityki rozwoju – strategia powinna wskazywać ramy finansowe.",
            "Mieszkańcy mają prawo wiedzieć, na co idą ich pieniądze.",
        ),
    },
    "language": {
        "remarks": (
            "Dokument jest napisany językiem urzędowym, którego przeciętny mieszkaniec nie zrozumie.",
            "Co to znaczy „koszyk usług”? Proszę pisać po ludzku.",
            "Za dużo skrótów: MAL, CIS, KIS, OPS – bez słowniczka trudno się połapać.",
            "Sformułowanie „osoby w trudnej sytuacji życiowej” jest tak szerokie, że nic nie znaczy.",
            "Brakuje streszczenia na jedną stronę dla osób, które nie przeczytają stu stron.",
        ),
        "proposals": (
            "Dodać słowniczek pojęć i skrótów na początku dokumentu.",
            "Przygotować streszczenie w prostym języku.",
            "Zastąpić określenie „klient pomocy społecznej” określeniem „osoba korzystająca ze wsparcia”.",
        ),
        "justifications": (
            "Konsultacje mają sens tylko wtedy, gdy mieszkańcy rozumieją, o czym mowa.",
            "Zasady prostego języka stosuje już wiele urzędów w Polsce.",
        ),
    },
    "social_workers": {
        "remarks": (
            "Jestem pracownicą socjalną od 15 lat i pierwszy raz widzę, że ktoś pisze o oddzieleniu pracy socjalnej od świadczeń.",
            "Pracownik socjalny ma dziś na głowie sto teczek i nie ma czasu na prawdziwą pracę z ludźmi.",
            "Ośrodki pomocy społecznej kojarzą się z upokorzeniem – trzeba zmienić to, jak się w nich obsługuje ludzi.",
            "Nie da się być przewodnikiem, mając w kolejce trzydzieści osób dziennie.",
        ),
        "proposals": (
            "Określić maksymalną liczbę rodzin na jednego pracownika socjalnego.",
            "Zapewnić superwizję dla wszystkich pracowników pomocy społecznej.",
        ),
        "justifications": (
            "Wypalenie zawodowe w pomocy społecznej jest ogromne i przekłada się na jakość pomocy.",
        ),
    },
    "mental_health": {
        "remarks": (
            "Nie ma w tym rozdziale nic o zdrowiu psychicznym, a kryzys psychiczny jest częstą przyczyną wykluczenia.",
            "Na psychiatrę dziecięcego w ramach NFZ czeka się w Warszawie wiele miesięcy.",
            "Centra zdrowia psychicznego powinny współpracować z ośrodkami pomocy, a działają zupełnie osobno.",
        ),
        "proposals": (
            "Dodać kierunek działań dotyczący współpracy pomocy społecznej z centrami zdrowia psychicznego.",
        ),
        "justifications": (
            "Kryzys psychiczny często poprzedza utratę pracy i mieszkania.",
        ),
    },
    "neighbourhood": {
        "remarks": (
            "Święta sąsiedzkie to świetna sprawa, ale raz w roku nie buduje więzi.",
            "Na nowych osiedlach nie ma ani jednej ławki, nie mówiąc o miejscu spotkań.",
            "Mieszkam na Ursusie od dwóch lat i nie znam nikogo z klatki – chciałabym to zmienić, ale nie wiem jak.",
            "Dobrze, że program zauważa podwórka – to tam naprawdę toczy się życie sąsiedzkie.",
            "Deweloperzy powinni mieć obowiązek przewidzieć lokal na potrzeby mieszkańców.",
            "Wspólnoty mieszkaniowe mogłyby więcej, gdyby miały wsparcie prawne i animatora.",
        ),
        "proposals": (
            "Dodać kierunek działań dla nowych osiedli: lokal na potrzeby sąsiedzkie w każdym większym osiedlu.",
            "Wprowadzić mikrogranty na działania sąsiedzkie do 5 000 zł z uproszczonym rozliczeniem.",
            "Wspierać animatorów podwórkowych w okresie wakacji.",
        ),
        "justifications": (
            "Więzi sąsiedzkie zmniejszają osamotnienie i zwiększają bezpieczeństwo.",
            "Proste procedury zachęcają osoby, które nigdy nie pisały wniosku.",
        ),
    },
    "diversity": {
        "remarks": (
            "Edukacja antydyskryminacyjna w szkołach jest bardzo potrzebna – moje dziecko słyszy na przerwach rzeczy, których wolałabym nie powtarzać.",
            "Program za mało mówi o osobach z niepełnosprawnościami jako o pełnoprawnych uczestnikach życia sąsiedzkiego.",
            "Nie podoba mi się, że miasto zajmuje się ideologią zamiast dziurami w chodnikach.",
            "Różnorodność to także różnorodność pokoleń – seniorzy i młodzi rzadko mają okazję się spotkać.",
            "Punkty poradnictwa antydyskryminacyjnego powinny działać w dzielnicach, a nie tylko w centrum.",
        ),
        "proposals": (
            "Dodać działania międzypokoleniowe, np. wspólne projekty szkół i klubów seniora.",
            "Zapewnić tłumaczenie materiałów programu na ukraiński i angielski.",
        ),
        "justifications": (
            "Uprzedzenia znikają tam, gdzie ludzie się poznają.",
        ),
    },
    "engagement": {
        "remarks": (
            "Inicjatywa lokalna jest tak skomplikowana, że zrezygnowaliśmy po trzecim piśmie z urzędu.",
            "Wolontariat seniorów to ogromny potencjał, z którego miasto prawie nie korzysta.",
            "Grupy nieformalne nie mają osobowości prawnej i przez to są wykluczone z większości konkursów.",
            "Urzędnicy często traktują aktywnych mieszkańców jak petentów, a nie partnerów.",
            "Rady osiedli w wielu dzielnicach w ogóle nie działają – warto zapytać dlaczego.",
        ),
        "proposals": (
            "Skrócić termin rozpatrywania wniosków o inicjatywę lokalną do 30 dni.",
            "Wprowadzić regranting dla grup nieformalnych przez organizacje pozarządowe.",
            "Szkolić urzędników z partycypacji i współpracy z mieszkańcami.",
        ),
        "justifications": (
            "Każda bariera formalna zniechęca kolejnych mieszkańców.",
            "Zaangażowani mieszkańcy to najlepsza inwestycja w bezpieczeństwo i jakość życia.",
        ),
    },
}

# A few stand-alone comments of one sentence, for variety of length.
SHORT: tuple[str, ...] = (
    "Popieram.",
    "Zgadzam się w całości.",
    "Brak konkretów.",
    "Gdzie są pieniądze na to wszystko?",
    "Bardzo dobry zapis, oby został zrealizowany.",
    "Za ogólnikowo.",
    "Popieram, ale proszę dopisać terminy.",
    "Nic nowego w porównaniu z poprzednim dokumentem.",
    "Wreszcie ktoś o tym pomyślał.",
    "Proszę o wskaźniki z wartościami docelowymi.",
    "Kto będzie za to odpowiadał?",
    "Dobrze, ale za mało.",
)

# Comments quoting the draft begin with one of these; {quote} is filled in.
QUOTE_LEADS: tuple[str, ...] = (
    "Odnoszę się do zdania: „{quote}”.",
    "W projekcie czytamy: „{quote}”. Co to konkretnie oznacza?",
    "Fragment „{quote}” jest zbyt ogólny.",
    "Zapis „{quote}” popieram, ale wymaga uzupełnienia.",
    "„{quote}” – to brzmi dobrze, tylko jak to zmierzyć?",
)

# Questions a resident adds to a remark.
QUESTIONS: tuple[str, ...] = (
    "Jak miasto zamierza to sfinansować?",
    "Kiedy te działania się zaczną i kto będzie je koordynował w dzielnicach?",
    "Czy są na to zabezpieczone środki w wieloletniej prognozie finansowej?",
    "Jakie są wartości docelowe wskaźników dla tego celu?",
    "Czy organizacje pozarządowe będą mogły realizować te zadania w trybie wieloletnim?",
    "Gdzie można sprawdzić, jak realizowano ten cel w poprzednich latach?",
    "Czy to dotyczy także osób, które nie są zameldowane w Warszawie?",
)

# How an organisation introduces its comment; {org} is filled in.
ORG_OPENERS: tuple[str, ...] = (
    "Zgłaszający: {org}. Przekazujemy następujące uwagi.",
    "{org} od lat pracuje z osobami, których dotyczy ten cel, dlatego zgłaszamy uwagę.",
    "Piszemy jako {org} i chcemy zwrócić uwagę na jedną kwestię.",
)

# Marks of a first-person story of private life; organisations do not tell those.
PERSONAL_MARKERS: tuple[str, ...] = (
    "moja ", "mój ", "moje ", "sam przez", "wychowałam", "jestem ", "mieszkam ", "jako osoba",
)

# Programme Wspólnota: its funding and monitoring.
THEMES["programme_funding"] = {
    "remarks": (
        "Nie wiadomo, jaki budżet będzie miał program w poszczególnych latach.",
        "Dzielnice bardzo różnie traktują działania wspólnotowe – w jednych są na to pieniądze, w innych nie ma nic.",
        "Sprawozdanie raz w roku to dobry pomysł, ale powinno być napisane zrozumiale i opublikowane.",
        "Rada Programu powinna mieć w składzie także mieszkańców, a nie tylko organizacje i urzędników.",
        "Wskaźniki programu liczą wydarzenia i uczestników, a nie to, czy sąsiedzi się poznali.",
    ),
    "proposals": (
        "Wskazać minimalny budżet programu w każdej dzielnicy.",
        "Dodać do Rady Programu przedstawicieli mieszkańców wybranych w otwartym naborze.",
        "Mierzyć efekty programu badaniem poczucia więzi sąsiedzkich co dwa lata.",
    ),
    "justifications": (
        "Bez pieniędzy w dzielnicach program będzie działał tylko w centrum.",
        "Liczba wydarzeń nie mówi nic o jakości relacji.",
    ),
}
