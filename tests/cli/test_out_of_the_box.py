"""The bad inputs a new user meets first: one line each, exit code 2, a way forward in the line."""

from __future__ import annotations

import pytest

from ssbkit.cli import main


@pytest.mark.parametrize("argv,needle", [
    (["window", "LLZ0"], "did you mean LLZO?"),
    (["window", "Li6PS5CL"], "did you mean Li6PS5Cl?"),
    (["assess", "LCO | LiNbO3 | Li6PSCl5 | Li"], "did you mean Li6PS5Cl?"),
    (["assess", "LCO | He | Li"], "noble gas He"),
    (["assess", "LCO | O2 | Li"], "is a gas"),
    (["screen", "--electrolytes", "LLZO,Xe", "--electrodes", "LCO"], "noble gas Xe"),
    (["conductivity", "LLZO", "--temperature", "1e-300K"], "below 1 K"),
    (["hull", "LLZO", "--temperature", "0.5K"], "below 1 K"),
    (["assess", "LCO | LLZO | Li", "--time", "5 parsecs"], "unknown unit 'parsecs'"),
    (["assess", "LCO | LLZO | Li", "--time", "-3h"], "out of range"),
    (["anneal", "Li2CO3", "--carbon-amount", "-1"], "out of range"),
    (["assess", "Li | LLZO | Li", "--process", "anneal 700C 1h ar carbon=x"], "carbon amount"),
    (["windw", "LLZO"], "Did you mean 'window'?"),  # a command not yet loaded is still suggested
    (["physics", "cracking"], "see 'ssbkit physics cracking --help'"),  # the hint names the whole command
])
def test_one_line_exit_2(capsys, argv, needle):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("ssbkit: error:") and needle in err, err


@pytest.mark.parametrize("value,hours", [("500h", 500.0), ("2d", 48.0), ("30min", 0.5), ("1week", 168.0),
                                         ("100", 100.0), ("3600 s", 1.0)])
def test_time_takes_units_and_a_bare_number_is_hours(capsys, value, hours):
    import json

    code = main(["assess", "LCO | LLZO | Li", "--time", value, "--json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 0 and d["asr_budget"]["times_h"][-1] == pytest.approx(hours)


def test_a_formula_not_in_the_data_is_told_the_likely_one(capsys):
    import json

    code = main(["window", "Li6PSCl5", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 0 and any("did you mean Li6PS5Cl (in the data)?" in n for n in d["notes"])
