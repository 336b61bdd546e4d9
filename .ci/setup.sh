#!/usr/bin/env bash
# Prepare a machine (Debian 12, root) and the project's virtualenv.
#
#   .ci/setup.sh system   install the Debian packages that are missing
#   .ci/setup.sh venv     create .venv and install the pinned deps of pyproject.toml
#
# Both steps are safe to repeat; the Makefile calls them only when needed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests, PDF rendering and checks, PostgreSQL tests, translations, the venv.
SYSTEM_PACKAGES=(
    make python3 python3-venv
    chromium
    poppler-utils
    libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
    postgresql
    gettext
)

system() {
    local missing=()
    for pkg in "${SYSTEM_PACKAGES[@]}"; do
        # "install ok installed" only: a removed package leaves its status behind.
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing system packages: ${missing[*]} (run as root or install them)" >&2
        exit 1
    fi
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

venv() {
    if [ ! -x .venv/bin/python ]; then
        python3 -m venv .venv
    fi
    # The project is not an installable package (packages = []), so install its pinned
    # requirements, including the "test" extra, straight from pyproject.toml.
    local reqs
    reqs="$(mktemp)"
    trap 'rm -f "$reqs"' RETURN
    .venv/bin/python - >"$reqs" <<'PY'
import tomllib

with open("pyproject.toml", "rb") as fh:
    project = tomllib.load(fh)["project"]
for req in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(req)
PY
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$reqs"
    .venv/bin/python -m pip check
}

case "${1:-}" in
    system) system ;;
    venv) venv ;;
    *) echo "usage: $0 system|venv" >&2; exit 2 ;;
esac
