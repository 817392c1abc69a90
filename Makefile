# HFK-Akte: `make run` and `make test` do all the set-up on a fresh Debian 12 machine.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Builds live outside the clone, so a fresh clone on the same machine builds incrementally.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/hfk-akte/target
CARGO_FEATURES := --features hfk-akte-desktop/custom-protocol,hfk-akte-desktop/export-bindings
APP := $(CARGO_TARGET_DIR)/debug/hfk-akte
EXPORT_BINDINGS := $(CARGO_TARGET_DIR)/debug/export-bindings
HFK := $(CARGO_TARGET_DIR)/debug/hfk
# The outside verifier's Python: SQLCipher 4 from PyPI (Debian's sqlcipher 3.4 cannot open the file).
PYVENV := $(CARGO_TARGET_DIR)/pyvenv
BINDINGS := ui/src/lib/bindings.ts
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The Debian package the Tauri bundler writes, and a throwaway root it is unpacked into for tests.
DEB := $(CARGO_TARGET_DIR)/release/bundle/deb/HFK-Akte_$(VERSION)_amd64.deb
PACKAGE_ROOT := $(CARGO_TARGET_DIR)/package-root
TAURI_DRIVER_VERSION := ~2.1
TAURI_DRIVER ?= $(HOME)/.cargo/bin/tauri-driver
CARGO_ABOUT_VERSION := ~0.8
CARGO_ABOUT := $(HOME)/.cargo/bin/cargo-about
THIRD_PARTY := THIRD-PARTY-LICENSES.md

APT_PACKAGES := build-essential pkg-config libssl-dev curl libwebkit2gtk-4.1-dev \
	xvfb xauth webkit2gtk-driver util-linux poppler-utils qpdf imagemagick ghostscript mupdf-tools xdotool python3-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run run-release test setup apt-packages npm-packages tauri-driver ui build bindings \
	check-bindings lint test-rust test-ui test-outside test-e2e bench package test-package \
	cargo-about licenses check-licenses check-vendored-openssl

## run: install what is missing, build, and open the window on the default file location.
## For development: a debug build. Users run the release build (run-release, or the package).
run: setup build
	@echo "make run: Entwicklungsversion (Debug-Build). Für die Arbeit mit echten Fällen: make run-release."
	$(APP)

## run-release: the optimised build users run (no web inspector), opened on the default location
run-release: setup ui
	cargo build --release -p hfk-akte-desktop $(CARGO_FEATURES)
	$(CARGO_TARGET_DIR)/release/hfk-akte

## test: the same set-up, then every check and test, end-to-end through the real window last
test: setup build check-bindings check-licenses lint test-rust test-ui test-outside test-e2e test-package check-vendored-openssl
	@echo "make test: alle Prüfungen bestanden"

setup: apt-packages npm-packages tauri-driver

apt-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installiere Debian-Pakete:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

npm-packages: ui/node_modules/.installed tests/e2e/node_modules/.installed

ui/node_modules/.installed: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

# The end-to-end packages' install scripts only download browser drivers these tests never use.
tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

tauri-driver:
	@[ -x "$(TAURI_DRIVER)" ] || cargo install tauri-driver --locked --version "$(TAURI_DRIVER_VERSION)"

ui: npm-packages
	cd ui && npm run build

## build: the desktop binary with the front end embedded (no dev server needed)
build: ui
	cargo build --workspace --bins $(CARGO_FEATURES)

## bindings: regenerate the TypeScript bindings after changing a command or a boundary type
bindings: build
	$(EXPORT_BINDINGS) $(BINDINGS)

check-bindings: build
	@fresh=$$(mktemp --suffix=.ts); \
	$(EXPORT_BINDINGS) $$fresh && \
	if ! diff -u $(BINDINGS) $$fresh; then \
		echo "$(BINDINGS) ist veraltet: bitte 'make bindings' ausführen und einchecken."; rm -f $$fresh; exit 1; \
	fi; rm -f $$fresh; echo "TypeScript-Bindungen sind aktuell."

cargo-about:
	@[ -x "$(CARGO_ABOUT)" ] || cargo install cargo-about --locked --version "$(CARGO_ABOUT_VERSION)"

# Writes the third-party licences to $(1): the Rust crates (cargo-about; every target's crates
# fetched first, as cargo metadata wants them) and the npm packages the front end's build found
# in its bundle. Both fail on a licence that does not go with EUPL-1.2 (licenses/about.toml,
# ui/build/third-party-licences.ts). -L off: cargo-about's scanner logs every licence-like text
# it meets in vendored C sources; a licence it cannot accept is still reported, and fails.
third_party = cargo fetch --locked --quiet && \
	$(CARGO_ABOUT) -L off generate --workspace --frozen -c licenses/about.toml licenses/about.hbs -o $(1).rust && \
	cat licenses/header.md $(1).rust ui/dist/third-party-npm.md > $(1) && rm -f $(1).rust

## licenses: THIRD-PARTY-LICENSES.md (shown in the window under Hilfe, shipped in the package)
licenses: ui cargo-about
	$(call third_party,$(THIRD_PARTY))

check-licenses: ui cargo-about
	@fresh=$$(mktemp --suffix=.md); \
	$(call third_party,$$fresh) && \
	if ! diff -q $(THIRD_PARTY) $$fresh >/dev/null; then \
		diff -u $(THIRD_PARTY) $$fresh | head -40; \
		echo "$(THIRD_PARTY) ist veraltet: bitte 'make licenses' ausführen und einchecken."; rm -f $$fresh; exit 1; \
	fi; rm -f $$fresh; echo "Lizenzen der Abhängigkeiten sind mit der EUPL-1.2 vereinbar und aufgeführt."

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets $(CARGO_FEATURES) -- -D warnings
	cd ui && npm run check

test-rust: ui
	cargo test --workspace $(CARGO_FEATURES)

test-ui: npm-packages
	cd ui && npm test

$(PYVENV)/bin/python:
	python3 -m venv $(PYVENV)
	$(PYVENV)/bin/pip install -q sqlcipher3 cryptography

## test-outside: the audit chain checked by tools nobody in the project wrote (docs/PRUEFKETTE.md)
test-outside: build $(PYVENV)/bin/python
	cd tools/pruefkette && $(PYVENV)/bin/python agreement.py $(HFK)

## test-e2e: drives the real window under Xvfb; screenshots land in target/e2e/
test-e2e: build tauri-driver
	rm -rf target/e2e
	cd tests/e2e && HFK_E2E_APP=$(APP) TAURI_DRIVER=$(TAURI_DRIVER) \
		timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" \
		node --test --test-concurrency=1 specs/

## package: the release programs and the Debian package for office PCs (docs/INSTALLATION.md)
package: setup ui
	cargo build --release -p hfk-akte --bin hfk
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --features custom-protocol \
		--config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/hfk":"$(CARGO_TARGET_DIR)/release/hfk"}}}}}'
	@echo "Paket: $(DEB)"

## test-package: the package unpacked into a throwaway root, its contents checked, and the
## installed program started through its window
test-package: package tauri-driver
	rm -rf $(PACKAGE_ROOT) && mkdir -p $(PACKAGE_ROOT)
	dpkg-deb -x $(DEB) $(PACKAGE_ROOT)
	cd tests/e2e && HFK_PACKAGE=$(DEB) HFK_PACKAGE_ROOT=$(PACKAGE_ROOT) \
		HFK_E2E_APP=$(PACKAGE_ROOT)/usr/bin/hfk-akte TAURI_DRIVER=$(TAURI_DRIVER) \
		timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
		node --test --test-concurrency=1 package/

## check-vendored-openssl: the feature Windows and macOS builds need (OpenSSL built from source
## and linked in) builds here, links no system libcrypto, and its hfk makes and checks a file.
## Last in make test: it leaves that hfk in the debug folder until the next build.
VENDORED_HFK := $(CARGO_TARGET_DIR)/hfk-vendored-openssl
check-vendored-openssl:
	cargo build -p hfk-akte --bin hfk --features vendored-openssl
	cp $(HFK) $(VENDORED_HFK)
	@if ldd $(VENDORED_HFK) | grep -q libcrypto; then echo "hfk mit vendored-openssl bindet die System-OpenSSL"; exit 1; fi
	@dir=$$(mktemp -d); pw='Kiefernwald-Uckermark-Fähre-42'; \
	printf '%s\n%s\n' "$$pw" "$$pw" | $(VENDORED_HFK) neue-akte $$dir/probe.hfk --benutzer Probe >/dev/null && \
	echo "$$pw" | $(VENDORED_HFK) pruefen $$dir/probe.hfk --benutzer Probe; rc=$$?; rm -rf $$dir; exit $$rc

## bench: the figures in BENCHMARKS.md (release build of the core, plus start-up through the window)
bench: setup build
	cargo bench -p hfk-akte --bench unlock
	cargo bench -p hfk-akte --bench cases
	cargo bench -p hfk-akte --bench saves
	cargo bench -p hfk-akte --bench statistics
	@command -v chromium >/dev/null || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium
	cargo bench -p hfk-akte --bench documents
	cargo bench -p hfk-akte --bench member_copies
	cargo bench -p hfk-akte --bench import
	cargo bench -p hfk-akte --bench attachments
	cd tests/e2e && HFK_E2E_APP=$(APP) TAURI_DRIVER=$(TAURI_DRIVER) \
		xvfb-run -a -s "-screen 0 1280x800x24" node bench/startup.mjs
	cd tests/e2e && HFK_E2E_APP=$(APP) HFK_BIN=$(HFK) TAURI_DRIVER=$(TAURI_DRIVER) \
		xvfb-run -a -s "-screen 0 1280x800x24" node bench/memory.mjs
