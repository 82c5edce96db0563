"""A valid one-partner registry and the blocks that tests add to it or change in it.

`BASE` yields no problem at all; every corpus case (tests/load/test_loader_corpus.py) and many
rule tests start from it and change or add a few lines, so the expected line numbers are known.
"""

from __future__ import annotations

# Line numbers:  1 partners, 2 id, 3 name, 4 role, 5 status, 6 logo, 7 description, 8… extra lines.
BASE = """\
partners:
  - id: acme
    name: Acme GmbH
    role: partner
    status: partner
    logo: ok.svg
    description: Acme stellt Werkzeuge her.
"""


def registry(extra: str = "", **replace: str | None) -> str:
    """BASE with field values replaced as written (None: the line becomes a comment) and `extra` appended."""
    lines = BASE.splitlines()
    for key, value in replace.items():
        index = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}:"))
        prefix = lines[index][:lines[index].index(key)]
        lines[index] = f"    # {key} gelöscht" if value is None else f"{prefix}{key}: {value}"
    return "\n".join(lines) + "\n" + extra


SECOND = """\
  - id: beta
    name: Beta AG
    role: founding
    status: letter-of-intent
    logo: ok.png
    description: Beta plant.
"""
AGREEMENT = """\
    joined: 2023-05-01
    agreement:
      signed: 2024-02-01
      targets:
        - year: 2030
          reduction_percent: 50
          baseline_year: 2019
          scopes: [1, 2]
        - year: 2040
          climate_neutral: true
      measures:
        - title: LED-Beleuchtung
          field: energy-efficiency
          status: done
          year: 2024
"""
EMISSIONS = """\
    emissions:
      - year: 2023
        scope1: 120.5
        scope2: 80
"""
CONTACT = """\
    contact:
      name: Erika Mustermann
      email: erika@acme.example
      phone: +49 211 1234567
"""
