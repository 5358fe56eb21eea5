# idoneo: the two commands a person needs are `make run` and `make check`.
# Meson and Ninja do the building; this file only names the steps.

BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= idoneo-demo.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps run check test-unit test-integration test-browser bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

deps:
	./scripts/deps

# Installs what is missing, builds, loads the demo data and starts the server.
run: deps all
	$(BUILD)/idoneo demo --db $(DB)
	@echo
	@echo "idoneo is starting on http://$(LISTEN)/  (Ctrl-C stops it)"
	$(BUILD)/idoneo serve --db $(DB) --listen $(LISTEN)

# Every test, on the sanitizer build; the last line is "N passed, N failed".
check: deps $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	./tests/run $(ASAN_BUILD)

bench: deps all
	./bench/run $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
