#!/bin/sh
# Run once by the Custom Script extension (from its protected settings)
set -eu
mkdir -p /etc/app
echo "configured=$(date -u +%Y-%m-%dT%H:%M:%SZ)" > /etc/app/state
