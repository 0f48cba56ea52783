"""Turn canonical person rows into one prepared record per record key, ready to compare.

A record is `source:person_id`. Several files of one source describe the same record (the 903
header and episodes, the Annex A lists), so rows are merged: each field takes the first non-null
value in input order. Preparation precomputes every derived column the comparisons need (standard
forename, Soundex codes, ISO date of birth and its day/month transposition, postcode sector and
district) so the model's SQL is plain equality and portable across Splink backends.
"""

# ruff: noqa: S608 -- SQL interpolates module constants only (column names, LA source codes)

from __future__ import annotations

import duckdb
import pyarrow as pa

from jtai.core.canonical import PERSON_COLUMNS
from jtai.link.settings import LA_ID_SOURCES, load_name_variants

# Every identity column of the canonical person (the rest, ethnicity and provenance, is not used).
REQUIRED_COLUMNS: tuple[str, ...] = PERSON_COLUMNS[: PERSON_COLUMNS.index("postcode") + 1]

_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(name: str) -> str:
    """American Soundex (letter + 3 digits). DuckDB has no phonetic function, and computing it here
    once per distinct name keeps the model SQL backend-independent."""
    letters = [c for c in name.lower() if c.isalpha()]
    if not letters:
        return ""
    out = [letters[0].upper()]
    previous = _SOUNDEX_CODES.get(letters[0], "")
    for char in letters[1:]:
        code = _SOUNDEX_CODES.get(char, "")
        if code and code != previous:
            out.append(code)
            if len(out) == 4:
                break
        if char not in "hw":  # h and w do not separate equal codes; vowels do
            previous = code
    return "".join(out).ljust(4, "0")


def _la_list(values: frozenset[str]) -> str:
    return ", ".join(f"'{v}'" for v in sorted(values))


def load_raw(con: duckdb.DuckDBPyConnection, persons: pa.Table) -> None:
    """Register the canonical rows as `link_raw` with record key, row order and cleaned ids."""
    missing = [c for c in REQUIRED_COLUMNS if c not in persons.column_names]
    if missing:
        raise ValueError(f"persons table lacks columns: {', '.join(missing)}")
    con.register("link_input", persons.select(list(REQUIRED_COLUMNS)))
    con.execute(
        f"""
        create or replace table link_raw as
        select
            source || ':' || person_id as record_key,
            row_number() over () as row_no,
            source,
            person_id,
            case when source in ({_la_list(LA_ID_SOURCES)}) then person_id
                 else nullif(trim(la_child_id), '') end as la_child_id,
            case when nhs_number_valid then nhs_number end as nhs_number,
            case when upn_valid then upper(upn) end as upn,
            nullif(regexp_replace(lower(trim(forename)), '[^a-z]', '', 'g'), '') as forename,
            nullif(regexp_replace(lower(trim(surname)), '[^a-z]', '', 'g'), '') as surname,
            dob,
            case when upper(sex) in ('M', 'F') then upper(sex) end as sex,
            nullif(regexp_replace(upper(postcode), '[^A-Z0-9]', '', 'g'), '') as postcode
        from link_input
        where person_id is not null and source is not null
        """
    )
    con.unregister("link_input")


def _name_table(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Standard form and Soundex for each distinct (forename, sex) and surname."""
    variants = load_name_variants()
    rows = con.execute(
        """
        select distinct 'f' as kind, forename as name, coalesce(sex, '') as sex
        from link_raw where forename is not null
        union
        select distinct 's', surname, '' from link_raw where surname is not null
        """
    ).fetchall()
    kinds, names, sexes, stds, codes = [], [], [], [], []
    for kind, name, sex in rows:
        std = name
        if kind == "f":
            std = variants.get((name, sex)) or variants.get((name, "")) or name
        kinds.append(kind)
        names.append(name)
        sexes.append(sex)
        stds.append(std)
        codes.append(soundex(name))
    return pa.table({"kind": kinds, "name": names, "sex": sexes, "std": stds, "sdx": codes})


def prepare_records(con: duckdb.DuckDBPyConnection) -> None:
    """Build `link_records`: one row per record key with the columns comparisons use."""
    con.register("link_names", _name_table(con))
    con.execute(
        """
        create or replace table link_records as
        with repeated as (
            select record_key from link_raw group by record_key having count(*) > 1
        ),
        merged as (
            -- Most record keys have one row, which is the record as it is; only the others are
            -- merged.
            select record_key, row_no, source, person_id, la_child_id, nhs_number, upn,
                   forename, surname, dob, sex, postcode
            from link_raw anti join repeated using (record_key)
            union all
            select
                record_key,
                min(row_no) as row_no,
                -- Each field's first non-null value in input order; row_no is unique, so arg_min
                -- picks the same row as an ordered first() without sorting each group.
                arg_min(source, row_no) as source,
                arg_min(person_id, row_no) as person_id,
                arg_min(la_child_id, row_no) filter (where la_child_id is not null) as la_child_id,
                arg_min(nhs_number, row_no) filter (where nhs_number is not null) as nhs_number,
                arg_min(upn, row_no) filter (where upn is not null) as upn,
                arg_min(forename, row_no) filter (where forename is not null) as forename,
                arg_min(surname, row_no) filter (where surname is not null) as surname,
                arg_min(dob, row_no) filter (where dob is not null) as dob,
                arg_min(sex, row_no) filter (where sex is not null) as sex,
                arg_min(postcode, row_no) filter (where postcode is not null) as postcode
            from link_raw semi join repeated using (record_key)
            group by record_key
        )
        select
            m.record_key, m.source, m.person_id, m.la_child_id, m.nhs_number, m.upn,
            m.forename,
            coalesce(fn.std, m.forename) as forename_std,
            nullif(fn.sdx, '') as forename_sdx,
            m.surname,
            nullif(sn.sdx, '') as surname_sdx,
            strftime(m.dob, '%Y-%m-%d') as dob,
            strftime(m.dob, '%Y') as birth_year,
            -- A day and month keyed the wrong way round: only possible when the day is <= 12.
            case when day(m.dob) <= 12 and day(m.dob) <> month(m.dob)
                 then strftime(make_date(year(m.dob), day(m.dob), month(m.dob)), '%Y-%m-%d')
            end as dob_swapped,
            m.sex,
            m.postcode,
            -- UK inward code is always 3 characters: sector keeps its first, district drops it.
            case when length(m.postcode) between 5 and 7
                 then left(m.postcode, length(m.postcode) - 2) end as postcode_sector,
            case when length(m.postcode) between 5 and 7
                 then left(m.postcode, length(m.postcode) - 3) end as postcode_district,
            (m.forename is not null or m.surname is not null) and m.dob is not null as linkable
        from merged m
        left join link_names fn
            on fn.kind = 'f' and fn.name = m.forename and fn.sex = coalesce(m.sex, '')
        left join link_names sn on sn.kind = 's' and sn.name = m.surname
        order by m.record_key
        """
    )
    con.unregister("link_names")
