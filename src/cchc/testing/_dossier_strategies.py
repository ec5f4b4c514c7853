"""Strategies for procedure catalogues, the reference dossier records are judged against.

Requires hypothesis (``pip install "cchc[testing]"``).

Catalogues are valid by construction: procedure codes are unique, and so are unit codes.

>>> from hypothesis import given
>>> @given(procedure_catalogues())
... def test_units_have_provinces(catalogue):
...     assert all(catalogue.province_of(u.code) == u.province for u in catalogue.units)
>>> test_units_have_provinces()
"""

from __future__ import annotations

from hypothesis import strategies as st

from cchc.documents.catalogue import CatalogueProcedure, CatalogueUnit, ProcedureCatalogue
from cchc.testing._basic import codes, texts

__all__ = ["catalogue_procedures", "catalogue_units", "procedure_catalogues"]


def catalogue_procedures(
    *, code: st.SearchStrategy[str] = codes()
) -> st.SearchStrategy[CatalogueProcedure]:
    """One procedure: a time limit of 0 to 1000 working days, fee and online flags."""
    return st.builds(
        CatalogueProcedure,
        code=code,
        title_vi=st.none() | texts(),
        legal_days=st.integers(0, 1000),
        fee_bearing=st.booleans(),
        online_capable=st.booleans(),
    )


def catalogue_units(
    *, code: st.SearchStrategy[str] = codes(), province: st.SearchStrategy[str] = codes()
) -> st.SearchStrategy[CatalogueUnit]:
    """One unit that handles dossiers, with its province."""
    return st.builds(CatalogueUnit, code=code, name_vi=st.none() | texts(), province=province)


@st.composite
def procedure_catalogues(
    draw: st.DrawFn, *, max_procedures: int = 8, max_units: int = 8
) -> ProcedureCatalogue:
    """A catalogue of up to ``max_procedures`` procedures and ``max_units`` units."""
    procedure_codes = draw(st.lists(codes(), max_size=max_procedures, unique=True))
    unit_codes = draw(st.lists(codes(), max_size=max_units, unique=True))
    provinces = draw(st.lists(codes(), min_size=1, max_size=4, unique=True))
    return ProcedureCatalogue(
        code=draw(codes()),
        title_vi=draw(st.none() | texts()),
        procedures=tuple(draw(catalogue_procedures(code=st.just(c))) for c in procedure_codes),
        units=tuple(
            draw(catalogue_units(code=st.just(c), province=st.sampled_from(provinces)))
            for c in unit_codes
        ),
    )
