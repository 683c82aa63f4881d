"""The texts of the messages to residents, in Polish: the language of the consultation and its report."""

from __future__ import annotations

from consult.lib.templating import POSITIONS

POSITION_PL = {"accepted": "uwzględniona", "partly": "częściowo uwzględniona", "rejected": "nieuwzględniona",
               "not_applicable": "nie dotyczy"}
assert set(POSITION_PL) == set(POSITIONS)  # a new position must be named here too


def confirmation(reference: str, consultation: str, comment_url: str, unsubscribe_url: str) -> tuple[str, str]:
    """(subject, body) of the confirmation sent right after a comment is submitted."""
    subject = f"Twoja uwaga {reference} została przyjęta"
    body = (
        f"Dziękujemy za udział w konsultacjach „{consultation}”.\n\n"
        f"Twoja uwaga ma numer {reference}. Możesz ją zobaczyć tutaj:\n{comment_url}\n\n"
        "Gdy urząd opublikuje raport z konsultacji, napiszemy do Ciebie jeszcze raz, ze stanowiskiem "
        "urzędu wobec Twojej uwagi.\n\n"
        f"Jeśli nie chcesz więcej wiadomości o tej uwadze, kliknij:\n{unsubscribe_url}\n"
    )
    return subject, body


def report_published(reference: str, consultation: str, position: str, justification: str, campaign_size: int,
                     change: str, comment_url: str, report_url: str, unsubscribe_url: str) -> tuple[str, str]:
    """(subject, body) of the message telling a submitter that the report answers their comment."""
    subject = f"Raport z konsultacji: odpowiedź na uwagę {reference}"
    stance = f"Stanowisko urzędu: {POSITION_PL[position]}." if position in POSITION_PL else (
        "Raport nie podaje stanowiska urzędu wobec tej uwagi.")
    lines = [f"Urząd opublikował raport z konsultacji „{consultation}”.", "",
             f"Twoja uwaga {reference}:", stance]
    if campaign_size:
        lines.append(f"(Uwaga należy do akcji, w której to samo pismo wysłano {campaign_size} razy; urząd zajął "
                     "jedno stanowisko wobec całej akcji.)")
    if justification:
        lines += ["", "Uzasadnienie:", justification]
    if change:
        lines += ["", change]
    lines += ["", f"Twoja uwaga i odpowiedź: {comment_url}", f"Raport: {report_url}", "",
              f"Aby nie dostawać więcej wiadomości o tej uwadze: {unsubscribe_url}"]
    return subject, "\n".join(lines) + "\n"
