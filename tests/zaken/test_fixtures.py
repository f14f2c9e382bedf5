"""The shared Zaken fixtures build a valid, published zaaktype through the Catalogi domain."""

from zaakwerk.catalogi.models import ResultaatType, StatusType


def test_zaaktype_fixture_is_published_with_its_parts(zaaktype):
    assert zaaktype.concept is False
    assert list(StatusType.objects.filter(zaaktype=zaaktype).order_by("volgnummer")
                .values_list("omschrijving", flat=True)) == ["Ontvangen", "In behandeling", "Afgehandeld"]
    verleend = ResultaatType.objects.get(zaaktype=zaaktype, omschrijving="Verleend")
    assert verleend.archiefnominatie == "vernietigen" and verleend.archiefactietermijn == "P1Y"
