package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// envOr returns the variable's value, or fallback when it is unset or empty.
func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// millisFromEnv reads a non-negative number of milliseconds.
func millisFromEnv(name string, fallback int) (time.Duration, error) {
	text := envOr(name, strconv.Itoa(fallback))
	millis, err := strconv.Atoi(text)
	if err != nil || millis < 0 {
		return 0, fmt.Errorf("%s=%q is not a whole number of milliseconds >= 0", name, text)
	}
	return time.Duration(millis) * time.Millisecond, nil
}
