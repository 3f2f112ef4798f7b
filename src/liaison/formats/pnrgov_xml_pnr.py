"""One ``PNR`` element of a PNRGOV XML notification as a ``Booking``.

The unit of loss is the element, not the PNR: a value that cannot be read is
left empty with a warning (``Notes``); a PNR is refused only when it has no
``BookingRefID/@ID``, and a ``Passenger`` only when it has no surname (a coded
``ParseError`` each, the rest of the PNR is kept). What is read is listed in
docs/formats.md ("PNRGOV XML meaning"); anything else is skipped.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import (
    Address,
    Booking,
    Codeshare,
    Contacts,
    Document,
    FrequentFlyer,
    Leg,
    Payment,
    Ticket,
    decode_iata_email,
    mask_card_number,
)
from liaison.formats.errors import ParseError
from liaison.formats.pnrgov_xml_checkin import BAG_ELEMENTS, checkin
from liaison.formats.pnrgov_xml_state import Pax, PnrState, owner_pax
from liaison.formats.pnrgov_xml_tree import attr, child, children, local, text, value
from liaison.formats.pnrgov_xml_values import Notes, date_time, gender, partial_date
from liaison.formats.ssr_docs import DocsText, Problem, read_doca, read_doco, read_docs
from liaison.formats.traveller_builder import names_someone_else
from liaison.formats.values import split_title

_SSR = frozenset({"SSR", "SpecialServiceRequest"})
_DOCS = frozenset({"DOCS", "DOCO", "DOCA"})
_REMARKS = frozenset({"Remark", "OSI", "OtherServiceInfo"})
_TKNE = re.compile(r"(?<!\d)(INF)?(\d{13})(?!\d)")
# -- the PNR -------------------------------------------------------------------


def read_booking(
    pnr: Element, where: str, pivot_year: int | None, sender: str | None, flight: Leg | None
) -> tuple[Booking, list[ParseError]]:
    """The booking and the errors of its passengers; raises a coded ParseError
    when the PNR has no record locator. ``pivot_year`` is the year the message
    was sent (two-digit birth years are not later); when unknown, the year of
    the PNR's own dates is used."""
    notes = Notes()
    if pivot_year is None:
        stamp = attr(pnr, "PNR_TransDate", "PNR_CreationDate", "TransDate", "CreationDate") or ""
        pivot_year = int(stamp[:4]) if stamp[:4].isdigit() else 2099
    state = PnrState(where, pivot_year, notes, flight)
    locator, owner, res_ref, res_owner = _references(pnr, state, sender)
    state.locator = locator
    notes.prefix = f"PNR {locator}: "
    for c in children(pnr, "ContactInfo"):
        _contact(c, state, None)
    for i, f in enumerate(children(pnr, "Flight"), start=1):
        state.legs.append((f, read_leg(f, f"{where}/Flight[{i}]", notes)))
    for i, p in enumerate(children(pnr, "Passenger"), start=1):
        _passenger(p, f"{where}/Passenger[{i}]", state)
    _walk(pnr, where, (), state)
    legs = tuple(leg for _, leg in state.legs)
    booking = Booking(
        record_locator=locator,
        record_locator_owner=owner,
        reservation_reference=res_ref,
        reservation_reference_owner=res_owner,
        created=date_time(pnr, where, notes, "PNR_CreationDate", "CreationDate", "PNRCreationDate"),
        last_modified=date_time(pnr, where, notes, "PNR_TransDate", "TransDate", "LastModified"),
        group_name=value(pnr, "GroupName"),
        itinerary=legs,
        travellers=tuple(t.freeze() for t in state.travellers),
        contacts=Contacts(
            tuple(dict.fromkeys(state.emails)),
            tuple(dict.fromkeys(state.phones)),
            tuple(dict.fromkeys(state.addresses)),
        ),
        payments=tuple(state.payments),
        bags=tuple(dict.fromkeys(state.bags)),
        codeshares=tuple(
            dict.fromkeys(
                Codeshare(
                    f"{leg.carrier}{leg.flight_number}",
                    f"{leg.operating_carrier}{leg.operating_flight_number or ''}",
                )
                for leg in legs
                if leg.operating_carrier and leg.operating_carrier != leg.carrier
            )
        ),
        special_requests=tuple(state.requests),
        remarks=tuple(state.remarks),
        warnings=tuple(notes.items),
    )
    return booking, state.errors


def _owner(ref: Element) -> str | None:
    company = child(ref, "CompanyName")
    return attr(company, "Code", "CompanyShortName") or text(company) or attr(ref, "Type")


def _references(
    pnr: Element, state: PnrState, sender: str | None
) -> tuple[str, str | None, str | None, str | None]:
    """Record locator and owner, and the other system's locator (the second
    ``BookingRefID``). The sender's own reference is the record locator when
    the PNR names the owners; otherwise the first one is."""
    refs: list[tuple[str, str | None]] = []
    for ref in children(pnr, "BookingRefID"):
        locator = attr(ref, "ID", "ID_Context") or text(ref)
        if locator is not None and all(locator != r for r, _ in refs):
            refs.append((locator, _owner(ref)))
    if not refs:
        raise ParseError(
            "the PNR has no BookingRefID/@ID (record locator); "
            f"its {len(children(pnr, 'Passenger'))} passenger(s) are not read",
            element=f"{state.where}/BookingRefID",
            code="xml-pnr-no-locator",
        )
    own = [r for r in refs if sender is not None and r[1] == sender]
    if len(own) == 1 and refs[0] != own[0]:
        refs.remove(own[0])
        refs.insert(0, own[0])
    (locator, owner), *others = refs
    state.notes.prefix = f"PNR {locator}: "
    for extra, extra_owner in others[1:]:
        state.notes.extra_reference(f"{state.where}/BookingRefID", extra, extra_owner)
    res_ref, res_owner = others[0] if others else (None, None)
    return locator, owner, res_ref, res_owner


def read_leg(el: Element, where: str, notes: Notes) -> Leg:
    """A ``Flight`` (or the notification's ``FlightLeg``)."""
    marketing = child(el, "MarketingAirline")
    operating = child(el, "OperatingAirline")
    carrier = (
        attr(marketing, "Code", "CompanyShortName")
        or attr(el, "CarrierCode", "AirlineCode")
        or attr(operating, "Code")
    )
    if carrier is None:
        notes.no_carrier(where)
        carrier = ""
    op_code = attr(operating, "Code", "CompanyShortName")
    op_number = attr(operating, "FlightNumber")
    number = attr(el, "FlightNumber") or attr(marketing, "FlightNumber") or op_number or ""
    if op_code == carrier and op_number in (None, number):
        op_code = op_number = None
    return Leg(
        carrier=carrier,
        flight_number=number,
        origin=attr(child(el, "DepartureAirport"), "LocationCode") or value(el, "DepartureAirport") or "",
        destination=attr(child(el, "ArrivalAirport"), "LocationCode") or value(el, "ArrivalAirport") or "",
        departure=date_time(el, where, notes, "DepartureDateTime"),
        arrival=date_time(el, where, notes, "ArrivalDateTime"),
        operating_carrier=op_code,
        operating_flight_number=op_number if op_code else None,
        booking_class=attr(el, "ResBookDesigCode", "BookingClass"),
        status=attr(el, "Status"),
    )


# -- contacts ------------------------------------------------------------------


def _contact(c: Element, state: PnrState, pax: Pax | None) -> None:
    """E-mails and phones go to the booking; the address to the passenger whose
    ``ContactInfo`` it is, else to the booking."""
    emails = [e for n in ("EmailAddress", "Email") if (e := attr(c, n))]
    for e_el in (x for x in c if local(x.tag) in ("Email", "EmailAddress")):
        if (e := text(e_el) or attr(e_el, "EmailAddress", "Value", "Address")) is not None:
            emails.append(e)
    for e in emails:
        state.emails.append(decode_iata_email(e) if "@" not in e else e)
    phones = [p for n in ("PhoneNumber", "Telephone") if (p := attr(c, n))]
    for ph_el in (x for x in c if local(x.tag) in ("Telephone", "PhoneNumber", "Phone")):
        number = attr(ph_el, "PhoneNumber", "Number") or text(ph_el)
        if number is None:
            continue
        prefix = [p for p in (attr(ph_el, "CountryAccessCode"), attr(ph_el, "AreaCityCode")) if p]
        if prefix and not number.startswith("+"):
            prefix[0] = prefix[0] if prefix[0].startswith("+") else f"+{prefix[0]}"
            number = " ".join([*prefix, number])
        phones.append(number)
    state.phones.extend(p for p in phones if p.strip("-"))
    targets = state.addresses if pax is None else pax.addresses
    for a_el in [c, *(x for x in c if local(x.tag) == "Address")]:
        if (a := _address(a_el, attr(a_el, "AddressType", "Type"))) is not None:
            targets.append(a)


def _address(el: Element, kind: str | None) -> Address | None:
    lines = [t for x in el if local(x.tag) == "AddressLine" and (t := text(x))]
    street = " ".join(lines) or attr(el, "Address", "AddressLine")
    city = value(el, "CityName")
    state = value(el, "StateProv") or attr(el, "StateProvCounty")
    postal = value(el, "PostalCode")
    country_el = child(el, "CountryName")
    country = attr(country_el, "Code") or text(country_el) or attr(el, "Country", "CountryCode")
    if not any((street, city, state, postal, country)):
        return None
    return Address(kind, street, city, state, postal, country)


# -- passengers ----------------------------------------------------------------


def _passenger(p: Element, where: str, state: PnrState) -> None:
    notes = state.notes
    found = child(p, "PassengerName")
    name_el = found if found is not None else p
    surname = value(name_el, "Surname")
    if surname is None:
        state.errors.append(
            ParseError(
                f"PNR {state.locator}: the passenger has no Surname; the rest of the PNR is read",
                element=f"{where}/Surname",
                code="xml-passenger-no-surname",
            )
        )
        return
    given_parts = [t for x in name_el if local(x.tag) in ("GivenName", "MiddleName") and (t := text(x))]
    given_raw = " ".join(given_parts) or attr(name_el, "GivenName") or ""
    name = split_title(given_raw)
    ptype = attr(p, "PassengerTypeCode", "PassengerType")
    pax = Pax(
        surname=" ".join(surname.upper().split()),
        given=name.given,
        title=value(name_el, "NamePrefix") or name.title,
        reference=attr(p, "RPH", "SurnameRefNumber", "TravelerRefNumber"),
        passenger_type=ptype,
        is_infant=(ptype or "").upper() in ("IN", "INF"),
        name_as_sent=f"{surname}/{given_raw}" if given_raw else surname,
    )
    pax.birth_date = partial_date(p, where, notes, state.pivot_year, True, "BirthDate", "DateOfBirth")
    pax.gender, _ = gender(p, where, notes, "Gender")
    state.travellers.append(pax)
    state.by_element[id(p)] = pax
    for c in children(p, "ContactInfo"):
        _contact(c, state, pax)
    pax.frequent_flyers.extend(
        FrequentFlyer(attr(c, "ProgramID") or "", m, attr(c, "LoyalLevel"))
        for c in children(p, "CustLoyalty")
        if (m := attr(c, "MembershipID")) is not None
    )
    for i, tdoc in enumerate(children(p, "TicketDocument"), start=1):
        _ticket(tdoc, f"{where}/TicketDocument[{i}]", pax, state)


def _ticket(tdoc: Element, where: str, pax: Pax, state: PnrState) -> None:
    fare = child(tdoc, "TotalFare")
    number = attr(tdoc, "TicketDocumentNbr")
    if number:
        pax.tickets.append(
            Ticket(number, attr(tdoc, "Type"), attr(fare, "Amount"), attr(fare, "CurrencyCode"))
        )
    for i, pay in enumerate(children(tdoc, "PaymentInfo"), start=1):
        account = attr(pay, "AccountNbr")
        state.payments.append(
            Payment(
                type=attr(pay, "PaymentType") or "",
                card_type=attr(pay, "VendorCode"),
                masked_number=mask_card_number(account) if account else None,
                expiry=_card_expiry(attr(pay, "ExpiryDate"), f"{where}/PaymentInfo[{i}]/@ExpiryDate", state),
                amount=attr(pay, "PaymentAmount") or attr(fare, "Amount"),
                currency=attr(pay, "CurrencyCode") or attr(fare, "CurrencyCode"),
                traveller_reference=pax.reference,
            )
        )


def _card_expiry(raw: str | None, where: str, state: PnrState) -> PartialDate | None:
    """``MMYY`` as on the card (also ISO ``2027-09``)."""
    if raw is None:
        return None
    if len(raw) == 4 and raw.isdigit() and 1 <= int(raw[:2]) <= 12:
        return PartialDate(2000 + int(raw[2:]), int(raw[:2]))
    if (
        len(raw) == 7
        and raw[4] == "-"
        and raw[:4].isdigit()
        and raw[5:].isdigit()
        and 1 <= int(raw[5:]) <= 12
    ):
        return PartialDate(int(raw[:4]), int(raw[5:]))
    state.notes.unreadable(where, raw, "is not a card expiry (MMYY)")
    return None


# -- documents and other SSRs --------------------------------------------------


def _walk(pnr: Element, path: str, ancestors: tuple[Element, ...], state: PnrState) -> None:
    """SSR elements (free text, at any level), structured ``DOCS``/``DOCO``/``DOCA``,
    remarks, check-in seats and bags, in document order, each given to the
    passenger (and leg) it belongs to. Paths count siblings of the same name, as
    XPath does (``PNRs/PNR[1]/Passenger[2]/SSR[1]``)."""
    seen: dict[str, int] = {}
    for el in pnr:
        name = local(el.tag)
        seen[name] = n = seen.get(name, 0) + 1
        where = f"{path}/{name}[{n}]"
        if name in _SSR:
            _ssr(el, where, ancestors, state)
            checkin(el, name, where, ancestors, state)  # a seat request may carry its seat
        elif name in BAG_ELEMENTS:
            checkin(el, name, where, ancestors, state)
        elif name in _DOCS:
            if el.attrib:
                _structured_doc(el, where, ancestors, state)
        elif name in _REMARKS and (not ancestors or local(ancestors[-1].tag) == name + "s"):
            if (t := value(el, "Text") or text(el)) is not None:
                state.remarks.append(t)
        else:
            if el.attrib or not len(el):
                checkin(el, name, where, ancestors, state)
            if len(el):
                _walk(el, where, (*ancestors, el), state)


def _ssr_parts(el: Element) -> tuple[str, str]:
    code = (value(el, "Code", "SSRCode", "SSR_Code") or "").upper()
    free = value(el, "Text", "FreeText") or (text(el) if len(el) == 0 else None) or ""
    return code, free


def _ssr(el: Element, path: str, ancestors: tuple[Element, ...], state: PnrState) -> None:
    code, free = _ssr_parts(el)
    if code in ("DOCS", "DOCO", "DOCA") and free:
        docs = read_docs(free, state.pivot_year) if code == "DOCS" else None
        pax, why = owner_pax(
            el, ancestors, state, docs.surname if docs else None, docs.given_names if docs else None
        )
        if (
            pax is not None
            and docs is not None
            and not docs.infant
            and names_someone_else(pax, docs.surname, docs.given_names, state.travellers)
        ):
            pax, why = None, "it names another person than the passenger it is filed under"
        if pax is not None:
            if docs is not None:
                _apply_docs(pax, docs, f"{path}/@Text", state)
            elif code == "DOCO":
                doco = read_doco(free, state.pivot_year)
                _problems(doco.problems, f"{path}/@Text", "DOCO", state)
                pax.documents.append(doco.document)
                pax.birth_place = pax.birth_place or doco.birth_place
            else:
                pax.addresses.append(read_doca(free))
            return
        # the text is not quoted: it holds a name, a birth date and a document number
        state.notes.unplaced(path, f"SSR {code} is kept as a special request: {why}")
    if code == "TKNE":
        _tkne(el, ancestors, free, state)
    status = (attr(el, "Status", "ActionCode") or "") + (attr(el, "ServiceQuantity", "NumberInParty") or "")
    airline = attr(el, "Airline", "AirlineCode", "CarrierCode") or attr(child(el, "Airline"), "Code") or ""
    points = (attr(el, "BoardPoint") or "") + (attr(el, "OffPoint") or "")
    parts = [code, status, airline, points, free]
    if code or free:
        state.requests.append(" ".join(p for p in parts if p))


def _tkne(el: Element, ancestors: tuple[Element, ...], free: str, state: PnrState) -> None:
    m = _TKNE.search(free)
    if m is None:
        return
    pax, _ = owner_pax(el, ancestors, state, None, None)
    if m.group(1):
        infants = [t for t in state.travellers if t.is_infant]
        pax = infants[0] if len(infants) == 1 else None
    if pax is not None and all(t.number != m.group(2) for t in pax.tickets):
        pax.tickets.append(Ticket(m.group(2), "TKNE"))


def _problems(problems: tuple[Problem, ...], path: str, code: str, state: PnrState) -> None:
    for p in problems:
        state.notes.unreadable(f"{path} ({code} {p.field})", p.value, p.reason)


def _structured_doc(el: Element, path: str, ancestors: tuple[Element, ...], state: PnrState) -> None:
    """``DOC_SSR/DOCS`` and friends: the same data as SSR free text, in attributes."""
    name = local(el.tag)
    notes, pivot = state.notes, state.pivot_year
    surname = attr(el, "Surname")
    pax, why = owner_pax(el, ancestors, state, surname.upper() if surname else None, None)
    if pax is None:
        state.notes.unplaced(path, f"{name} is left out: {why}")
        return
    if name == "DOCS":
        g, infant = gender(el, path, notes, "Gender")
        number = attr(el, "DocID", "TravelDocNbr")
        dtype = attr(el, "DocType", "TravelDocType")
        issuing = attr(el, "DocIssueCountry", "IssuingLoc", "DocIssueStateProv")
        expiry = partial_date(el, path, notes, pivot, False, "ExpiryDate")
        nationality = attr(el, "PaxNationality", "Nationality")
        document = (
            Document("DOCS", dtype, number, issuing, None, nationality, None, expiry)
            if number or dtype or issuing or expiry
            else None
        )
        given = " ".join(
            p for p in (attr(el, "FirstGivenName", "GivenName"), attr(el, "SecondGivenName")) if p
        )
        docs = DocsText(
            document,
            partial_date(el, path, notes, pivot, True, "DateOfBirth", "BirthDate"),
            g,
            infant,
            nationality,
            surname.upper() if surname else None,
            given.upper() or None,
        )
        _apply_docs(pax, docs, path, state)
    elif name == "DOCO":
        pax.documents.append(
            Document(
                kind="DOCO",
                type=attr(el, "TravelDocType", "DocType"),
                number=attr(el, "TravelDocNbr", "DocID"),
                issuing_country=attr(el, "CountryState", "DocIssueCountry"),
                place_of_issue=attr(el, "PlaceOfIssue"),
                issued=partial_date(el, path, notes, pivot, True, "DateOfIssue"),
            )
        )
        pax.birth_place = pax.birth_place or attr(el, "PlaceOfBirth")
    elif (a := _address(el, attr(el, "AddressType"))) is not None:
        pax.addresses.append(a)


def _apply_docs(pax: Pax, docs: DocsText, path: str, state: PnrState) -> None:
    """DOCS data to its traveller. A DOCS with gender MI/FI filed under an adult
    belongs to the infant: to the infant ``Passenger`` it names (or the only
    one), else to an infant traveller made from the DOCS itself, so that the
    infant is screened too."""
    _problems(docs.problems, path, "DOCS", state)
    target = pax
    if docs.infant and not pax.is_infant:
        infants = [t for t in state.travellers if t.is_infant]
        named = [t for t in infants if t.surname == docs.surname] if docs.surname else []
        found = named[0] if len(named) == 1 else infants[0] if len(infants) == 1 else None
        if found is None and docs.surname:
            found = Pax(
                surname=docs.surname,
                given=docs.given_names,
                title=None,
                reference=None,
                passenger_type="IN",
                is_infant=True,
                name_as_sent=f"{docs.surname}/{docs.given_names or ''}".rstrip("/"),
            )
            state.travellers.append(found)
        if found is None:
            state.notes.unplaced(path, "an infant's DOCS (MI/FI) names no infant; it is left out")
            return
        target = found
    if docs.document is not None:
        target.documents.append(docs.document)
    target.birth_date = target.birth_date or docs.birth_date
    target.gender = target.gender or docs.gender
    target.nationality = target.nationality or docs.nationality
