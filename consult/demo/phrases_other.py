"""English and Ukrainian phrase banks, submitter names and the campaign template."""
# ruff: noqa: E501

from __future__ import annotations

# Remarks by theme; a comment combines one or two of them and maybe a proposal.
EN: dict[str, dict[str, tuple[str, ...]]] = {
    "homelessness": {
        "remarks": (
            "Housing First works, the evidence from Finland and Canada is clear, but the draft treats it as a small pilot.",
            "Shelters should be the last resort, not the backbone of the system.",
            "I volunteer with a food distribution near Dworzec Centralny and the same faces have been there for years.",
        ),
        "proposals": (
            "Set a concrete target for the number of Housing First flats by 2030.",
            "Measure exits from homelessness rather than the number of shelter beds.",
        ),
    },
    "refugees": {
        "remarks": (
            "As a foreigner living in Warsaw for six years I still find it hard to get information from the social welfare centre in English.",
            "Integration measures should cover all migrants, not only people from Ukraine.",
            "Polish classes for adults are great, but evening groups fill up within hours.",
            "Recognition of foreign diplomas is slow and expensive; the city could at least offer guidance.",
        ),
        "proposals": (
            "Publish key information and forms in English and Ukrainian.",
            "Fund intercultural assistants in every district social welfare centre.",
        ),
    },
    "funding": {
        "remarks": (
            "The indicators lack baselines and targets, so it will be impossible to tell whether the strategy worked.",
            "There is no budget attached to any of the goals.",
            "Good intentions, but who is accountable for each action?",
        ),
        "proposals": (
            "Add a table with baseline, target and data source for every indicator.",
            "Publish yearly monitoring data as open data.",
        ),
    },
    "disability": {
        "remarks": (
            "Personal assistance should be a right based on assessed need, not a project with a fixed number of hours.",
            "The draft is not available in an accessible format for screen reader users; the PDF has no tags.",
        ),
        "proposals": (
            "Provide an easy-to-read version and an accessible HTML version of the strategy.",
        ),
    },
    "seniors": {
        "remarks": (
            "My elderly neighbour has nobody to talk to for days; loneliness deserves its own indicator.",
            "Home care waiting times are far too long for people discharged from hospital.",
        ),
        "proposals": (
            "Introduce a maximum waiting time for home care services.",
        ),
    },
    "neighbourhood": {
        "remarks": (
            "New housing estates have no community space at all; the programme should address that.",
            "Neighbourhood festivals are nice, but lasting ties need a permanent place to meet.",
        ),
        "proposals": (
            "Require a community room in every large new development.",
        ),
    },
    "diversity": {
        "remarks": (
            "As an expat parent I appreciate the focus on openness to diversity in schools.",
            "Please translate programme materials so that foreign residents can take part.",
        ),
        "proposals": (
            "Offer all consultation materials in English and Ukrainian.",
        ),
    },
}

UK: dict[str, dict[str, tuple[str, ...]]] = {
    "refugees": {
        "remarks": (
            "Я живу у Варшаві з 2022 року. Курси польської мови дуже потрібні, але вони проходять удень, коли я працюю.",
            "Я вчителька з Харкова, а тут працюю прибиральницею, бо підтвердження диплома триває дуже довго.",
            "Моїй доньці в школі потрібен асистент, який розмовляє українською, але на всю школу немає жодного.",
            "Дякуємо Варшаві за допомогу. Але зараз головна проблема – дороге житло і неможливість отримати квартиру від міста.",
            "Інформацію в центрі соціальної допомоги важко зрозуміти, все тільки польською мовою.",
            "Багато жінок з дітьми не можуть піти на курси, бо немає з ким залишити дитину.",
            "Хочу працювати за фахом медсестри, але не знаю, з чого почати і куди звернутися.",
            "Люди старшого віку з України дуже самотні тут, вони не знають мови і не мають друзів.",
        ),
        "proposals": (
            "Організувати вечірні та суботні курси польської мови з доглядом за дітьми.",
            "Створити в кожному районі пункт консультацій українською мовою.",
            "Допомагати з перекладом і визнанням дипломів.",
            "Запросити українських волонтерів до клубів для людей похилого віку.",
        ),
        "justifications": (
            "Без мови неможливо знайти роботу за фахом і інтегруватися.",
            "Ми хочемо працювати і платити податки, а не жити на допомогу.",
            "Діти швидко вчать мову, а дорослим потрібна підтримка.",
        ),
    },
    "unemployment": {
        "remarks": (
            "Роботодавці часто пропонують роботу без договору. Потрібна інформація про права працівників українською.",
            "Після 50 років дуже важко знайти роботу, навіть якщо маєш досвід.",
        ),
        "proposals": (
            "Проводити консультації з трудового права українською мовою.",
        ),
        "justifications": (
            "Люди не знають своїх прав і бояться звертатися по допомогу.",
        ),
    },
    "digital": {
        "remarks": (
            "Моя мама не вміє користуватися польськими онлайн-сервісами, а все треба робити через інтернет.",
        ),
        "proposals": (
            "Додати курси користування смартфоном для людей похилого віку українською мовою.",
        ),
        "justifications": (
            "Без цього люди не можуть записатися до лікаря.",
        ),
    },
    "seniors": {
        "remarks": (
            "Мій батько живе сам, йому 78 років. Було б добре, якби волонтери могли його відвідувати.",
        ),
        "proposals": (
            "Залучати україномовних волонтерів до допомоги самотнім людям похилого віку.",
        ),
        "justifications": (
            "Самотність – це велика проблема для людей, які втратили дім.",
        ),
    },
    "neighbourhood": {
        "remarks": (
            "Ми живемо в цьому будинку вже третій рік і хотіли б краще знати сусідів. Сусідські свята – це чудова ідея.",
            "У місцях локальної активності (MAL) нас завжди добре приймають. Дякуємо!",
        ),
        "proposals": (
            "Організовувати спільні зустрічі польських і українських сусідів.",
        ),
        "justifications": (
            "Так люди краще розуміють одне одного.",
        ),
    },
}

FIRST_NAMES_F = (
    "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Joanna",
    "Magdalena", "Zofia", "Marta", "Halina", "Aleksandra", "Teresa", "Dorota", "Natalia",
)
FIRST_NAMES_M = (
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Marcin", "Jan", "Michał",
    "Grzegorz", "Stanisław", "Marek", "Łukasz", "Jerzy", "Kamil", "Wojciech", "Adam",
)
SURNAMES = (
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
    ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"),
    ("Pawlak", "Pawlak"), ("Michalski", "Michalska"), ("Król", "Król"),
)
UK_NAMES = (
    "Олена Коваленко", "Ірина Шевченко", "Наталія Бондаренко", "Оксана Ткаченко",
    "Тетяна Кравченко", "Андрій Мельник", "Світлана Олійник", "Юлія Поліщук",
)
UK_LATIN = (
    "olena.k", "iryna.sh", "natalia.b", "oksana.t", "tetiana.k", "andrii.m", "svitlana.o", "yulia.p",
)
EN_NAMES = ("Sarah Collins", "David Miller", "Priya Sharma", "Tom O'Neill", "Laura Fischer")

# Fictional organisations: any resemblance to a real body is unintended.
NGOS = (
    "Fundacja Sąsiedzka Przystań",
    "Stowarzyszenie Razem na Pradze",
    "Fundacja Klucz do Domu",
    "Stowarzyszenie Seniorzy w Akcji Bemowo",
    "Fundacja Otwarte Drzwi Wola",
    "Stowarzyszenie Rodzin „Wspólny Krok”",
    "Fundacja Nowy Start po Pieczy",
    "Koalicja Dach nad Głową",
    "Stowarzyszenie Most – Integracja Cudzoziemców",
    "Fundacja Cyfrowy Senior",
)
MIGRANT_NGO = NGOS[8]
INSTITUTIONS = (
    "Dzielnicowa Rada Seniorów (dzielnica przykładowa)",
    "Klub Integracji Społecznej przy OPS (placówka przykładowa)",
    "Biblioteka Publiczna – filia przykładowa",
    "Młodzieżowa Rada Dzielnicy (przykład)",
)
BUSINESSES = (
    "Spółdzielnia Socjalna Pod Dachem",
    "Kawiarnia Społeczna Filiżanka sp. z o.o.",
    "Agencja Pracy WorkPoint sp. z o.o.",
)

# Personal data a resident might type; all fictional.
PERSONAL_DATA: tuple[str, ...] = (
    "Proszę o kontakt pod numerem 501 234 567, chętnie opowiem więcej.",
    "Mieszkam przy ul. Grochowskiej 214 m. 17 i z okna widzę, jak to wygląda na co dzień.",
    "Moja sąsiadka, pani Halina Wiśniewska spod siódemki, od miesięcy czeka na opiekunkę.",
    "Mój e-mail to marek.kowalski.1962@example.com, proszę o odpowiedź.",
    "Tel. 22 111 22 33 (po 17), Krystyna Nowak, ul. Kondratowicza 9 m. 41.",
    "Pan Zbigniew z klatki C, ten co zbiera puszki, od tygodnia nie wychodzi z mieszkania – ktoś powinien do niego zajrzeć (Bródno, ul. Wysockiego 12).",
    "Proszę dzwonić: +48 600 700 800, Tomasz.",
    "Mój syn Kacper (PESEL podam na prośbę) czeka na mieszkanie treningowe od 2023 roku.",
    "Jeśli chcecie zobaczyć, zapraszam – ul. Targowa 48, domofon 12, Ewa Zielińska.",
    "Мій номер телефону 512 987 654, можна писати у Viber.",
)

# One form-letter campaign on specific goal 3.2. Slots vary per copy.
CAMPAIGN_SECTION = "3.2"
CAMPAIGN_GREETINGS = ("Szanowni Państwo,", "Dzień dobry,", "Szanowne Biuro,", "", "Szanowni Państwo!")
CAMPAIGN_BODY = (
    "jako mieszkanka/mieszkaniec Warszawy popieram stanowisko Koalicji Dach nad Głową. "
    "Domagam się, aby w celu szczegółowym 3.2 zapisać konkretne zobowiązanie: "
    "co najmniej {number} mieszkań w programie „Najpierw mieszkanie” do 2030 roku "
    "oraz {word} przesunięcie środków ze schronisk na trwałe rozwiązania mieszkaniowe. "
    "Bezdomność można zakończyć, jeśli miasto potraktuje mieszkanie jako prawo, a nie nagrodę."
)
CAMPAIGN_NUMBERS = ("200", "200", "200", "250", "300")
CAMPAIGN_WORDS = ("stopniowe", "stopniowe", "wyraźne", "systematyczne", "stopniowe")
CAMPAIGN_EXTRAS = (
    "",
    "",
    "",
    "Sam przez kilka lat byłem w kryzysie bezdomności i wiem, o czym piszę.",
    "Codziennie mijam osoby śpiące na przystanku i nie chcę się na to godzić.",
    "Pracuję w organizacji pomocowej i widzę, że obecny system nie działa.",
    "Proszę też pamiętać o kobietach w kryzysie bezdomności.",
)
CAMPAIGN_SIGNATURES = (
    "", "", "Z poważaniem", "Z poważaniem, mieszkanka Pragi-Północ", "Mieszkaniec Woli",
    "Pozdrawiam", "Z wyrazami szacunku", "Podpisano: zaniepokojona mieszkanka",
)
CAMPAIGN_PROPOSAL = (
    "Zapisać w celu 3.2: „Do 2030 roku co najmniej {number} mieszkań zostanie przeznaczonych "
    "na program »Najpierw mieszkanie«”."
)
CAMPAIGN_JUSTIFICATION = (
    "Model „Najpierw mieszkanie” jest skuteczniejszy i tańszy niż wieloletni pobyt w schronisku."
)
