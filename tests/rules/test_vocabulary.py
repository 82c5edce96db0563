"""The district vocabulary: ten Stadtbezirke with the 50 Stadtteile of FACTS.md."""
from klimapakt import vocabulary


def test_every_district_has_its_stadtteile_and_there_are_fifty():
    assert set(vocabulary.DISTRICT_QUARTERS) == set(vocabulary.DISTRICTS)
    names = [q for quarters in vocabulary.DISTRICT_QUARTERS.values() for q in quarters]
    assert len(names) == 50 and len(set(names)) == 50


def test_district_label_names_the_number_and_its_stadtteile():
    assert vocabulary.district_label(10) == "Stadtbezirk 10 (Garath, Hellerhof)"
