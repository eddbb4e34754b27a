# The two commands of the README. Each does its own set-up on a fresh machine.
.PHONY: demo run test bootstrap

demo:  ## start the app in demo mode, on the embedded Pluggy sandbox
	@bash scripts/bootstrap.sh run
	@.venv/bin/financehub demo

run:  ## start the app on your own profile
	@bash scripts/bootstrap.sh run
	@.venv/bin/financehub

test:  ## every check: ruff, mypy, import-linter, pytest
	@bash scripts/bootstrap.sh test
	@bash scripts/check.sh
