"""The UN consolidated list in its real shapes: country names, not codes, and
documents with their issuing country, date and city of issue and notes. Every
value left out is a warning naming the entry, the field and the value."""

from __future__ import annotations

from liaison.formats.registers import read_un_consolidated_xml

# Invented persons, in the shapes of the published list (VALUE children, empty
# elements, NOTE, TYPE_OF_DOCUMENT2, ISSUING_COUNTRY and COUNTRY_OF_ISSUE).
UN_LIST = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-03-01T10:00:00.000+01:00">
 <INDIVIDUALS>
  <INDIVIDUAL>
   <DATAID>7100001</DATAID><VERSIONNUM>1</VERSIONNUM>
   <FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>SONG HO</SECOND_NAME><THIRD_NAME/>
   <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.901</REFERENCE_NUMBER>
   <LISTED_ON>2017-06-02</LISTED_ON>
   <NAME_ORIGINAL_SCRIPT>김성호</NAME_ORIGINAL_SCRIPT>
   <GENDER>Male</GENDER>
   <NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
   <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
   <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
   <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1968-03-21</DATE></INDIVIDUAL_DATE_OF_BIRTH>
   <INDIVIDUAL_PLACE_OF_BIRTH/>
   <INDIVIDUAL_DOCUMENT>
    <TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><TYPE_OF_DOCUMENT2>Diplomatic</TYPE_OF_DOCUMENT2>
    <NUMBER>654310175</NUMBER>
    <ISSUING_COUNTRY>Democratic People's Republic of Korea</ISSUING_COUNTRY>
    <DATE_OF_ISSUE>2015-11-03</DATE_OF_ISSUE><CITY_OF_ISSUE>Pyongyang</CITY_OF_ISSUE>
    <NOTE>expires 2020-11-03</NOTE>
   </INDIVIDUAL_DOCUMENT>
  </INDIVIDUAL>
  <INDIVIDUAL>
   <DATAID>7100002</DATAID>
   <FIRST_NAME>HAMID</FIRST_NAME><SECOND_NAME>RAHIMI</SECOND_NAME>
   <GENDER>Male</GENDER>
   <NATIONALITY>
    <VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Iraq</VALUE><VALUE>Stateless</VALUE>
   </NATIONALITY>
   <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Hamed Rahimy</ALIAS_NAME></INDIVIDUAL_ALIAS>
   <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Sara</ALIAS_NAME></INDIVIDUAL_ALIAS>
   <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1975</FROM_YEAR><TO_YEAR>1977</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
   <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Basra</CITY><COUNTRY>Iraq</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
   <INDIVIDUAL_DOCUMENT>
    <TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NUMBER>0012345</NUMBER>
    <COUNTRY_OF_ISSUE>Syrian Arab Republic</COUNTRY_OF_ISSUE>
   </INDIVIDUAL_DOCUMENT>
   <INDIVIDUAL_DOCUMENT>
    <TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>A 7654321</NUMBER>
    <ISSUING_COUNTRY>Soviet Union</ISSUING_COUNTRY>
   </INDIVIDUAL_DOCUMENT>
   <INDIVIDUAL_DOCUMENT>
    <TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER/>
    <ISSUING_COUNTRY>Viet Nam</ISSUING_COUNTRY><NOTE>number not known</NOTE>
   </INDIVIDUAL_DOCUMENT>
  </INDIVIDUAL>
  <INDIVIDUAL>
   <DATAID>7100003</DATAID>
   <FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>SALAM</SECOND_NAME>
   <GENDER>Female</GENDER>
   <NATIONALITY><VALUE>Afghan</VALUE></NATIONALITY>
   <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>OR801168</NUMBER>
    <ISSUING_COUNTRY>United Kingdom of Great Britain and Northern Ireland</ISSUING_COUNTRY>
   </INDIVIDUAL_DOCUMENT>
  </INDIVIDUAL>
 </INDIVIDUALS>
 <ENTITIES/>
</CONSOLIDATED_LIST>
""".encode()


def test_nationalities_given_as_names_are_read_as_codes() -> None:
    result = read_un_consolidated_xml(UN_LIST)
    assert result.errors == ()
    kim, hamid, abdul = result.messages
    assert kim.nationalities == ("PRK",)
    assert hamid.nationalities == ("IRN", "IRQ")
    assert abdul.nationalities == ("AFG",)


def test_documents_keep_issuing_country_date_city_and_note() -> None:
    kim, hamid, abdul = read_un_consolidated_xml(UN_LIST).messages
    (passport,) = kim.documents
    assert (passport.kind, passport.number, passport.country) == ("passport", "654310175", "PRK")
    assert passport.type == "Passport Diplomatic"
    assert (passport.issued, passport.place_of_issue, passport.note) == (
        "2015-11-03",
        "Pyongyang",
        "expires 2020-11-03",
    )
    identity, old_passport = hamid.documents
    assert (identity.kind, identity.number, identity.country) == ("id", "0012345", "SYR")
    assert (old_passport.number, old_passport.country) == ("A 7654321", None)
    assert abdul.documents[0].country == "GBR"


def test_names_in_original_script_are_aliases_and_empty_aliases_are_not() -> None:
    kim, hamid, _ = read_un_consolidated_xml(UN_LIST).messages
    assert kim.aliases == ("김성호",)
    assert hamid.aliases == ("Hamed Rahimy", "Abu Sara")


def test_every_value_left_out_is_a_warning_naming_entry_field_and_value() -> None:
    result = read_un_consolidated_xml(UN_LIST)
    found = [(w.code, w.entry, w.field, w.value) for w in result.warnings]
    assert found == [
        ("register-country-left-out", "7100002", "nationality", "Stateless"),
        ("register-country-left-out", "7100002", "document issuing country", "Soviet Union"),
        ("register-document-left-out", "7100002", "document", "Passport; Viet Nam; number not known"),
    ]
    texts = [w.text for w in result.warnings]
    assert any("7100002" in t and "nationality 'Stateless' left out" in t for t in texts)
    assert any("Soviet Union" in t and "no single successor" in t for t in texts)


def test_a_gender_the_reader_does_not_know_is_a_warning() -> None:
    data = UN_LIST.replace(b"<GENDER>Female</GENDER>", b"<GENDER>Femme</GENDER>")
    result = read_un_consolidated_xml(data)
    assert result.messages[2].gender is None
    assert [(w.entry, w.field, w.value) for w in result.warnings][-1] == ("7100003", "gender", "Femme")
