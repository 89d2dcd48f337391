# Sourced by scripts/validate-*.sh (not run by .ci/run itself: it is not a validate-*.sh).
#
# ensure_venv NAME VENV REQUIREMENTS [PROGRAM]
#   Makes VENV a virtual environment holding exactly the pinned REQUIREMENTS: it is (re)built
#   when PROGRAM (default: python) is missing from it or when REQUIREMENTS changed since it was
#   built (a copy is kept inside it to compare). NAME prefixes the message.
ensure_venv() {
  local name="$1" venv="$2" requirements="$3" program="${4:-python}"
  if [ -x "$venv/bin/$program" ] && cmp -s "$requirements" "$venv/requirements.txt"; then
    return 0
  fi
  echo "$name: installing $requirements into $venv"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
}
