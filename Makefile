# idoneo: the two commands a person needs are `make run` and `make check`.
# Meson and Ninja do the building; this file only names the steps.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= idoneo-demo.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps run check fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

# libFuzzer targets, built with clang.
$(FUZZ_BUILD)/build.ninja:
	CC=clang-14 CXX=clang++-14 meson setup $(FUZZ_BUILD) --buildtype=debugoptimized -Dfuzz=true \
	    -Db_sanitize=address,undefined -Db_lundef=false

deps:
	./scripts/deps

# Installs what is missing, builds, loads the demo data and starts the server.
run: deps all
	$(BUILD)/idoneo demo --db $(DB) --history 2
	@echo
	@echo "idoneo is starting on http://$(LISTEN)/  (Ctrl-C stops it)"
	$(BUILD)/idoneo serve --db $(DB) --listen $(LISTEN)

# Every test, on the sanitizer build; the last line is "N passed, N failed".
check: deps $(ASAN_BUILD)/build.ninja $(FUZZ_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	ninja -C $(FUZZ_BUILD)
	./tests/run $(ASAN_BUILD) $(FUZZ_BUILD)

# Longer fuzzing by hand: make fuzz FUZZ_SECONDS=600
fuzz: deps $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD)
	./tests/fuzz/run $(FUZZ_BUILD) $${FUZZ_SECONDS:-300}

bench: deps all
	./bench/run $(BUILD)
	./bench/notify $(BUILD)
	./bench/cert $(BUILD)
	./bench/stats $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
