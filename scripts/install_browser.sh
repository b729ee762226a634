#!/bin/sh
# Install Debian's headless Chromium and its chromedriver for the browser tests and `make screenshots`.
# Idempotent: does nothing when both are already on PATH. Needs root (or sudo) and apt.
# Nothing is downloaded from a browser CDN: Selenium uses the system chromedriver (no Selenium Manager).
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver; then
    echo "install_browser: chromium and chromedriver already installed: $(chromium --version 2>/dev/null)"
    exit 0
fi

if ! have apt-get; then
    echo "install_browser: error: apt-get not found; install chromium and chromedriver by hand" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then SUDO="sudo"; else
        echo "install_browser: error: run as root (or install sudo)" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
echo "install_browser: installed $(chromium --version 2>/dev/null)"
