#!/bin/sh
# Runs a command for at most SECONDS; a command still running then is a hang, and a hang in a
# test on a machine far away is only worth its output: every thread's stack (gdb) is printed
# before the command is killed, and the exit code is 124 as with timeout(1).
#   run-with-watchdog.sh SECONDS COMMAND [ARG...]
# The wait is a loop in this shell, not a background sleep: a sleeping child would hold the
# caller's output pipe open after the command ended.
secs=$1
shift
"$@" &
pid=$!
# By the clock, not by counting naps: on a loaded machine each nap takes longer than it says.
deadline=$(($(date +%s) + secs))
while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
  sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
  echo "watchdog: $1 still running after ${secs} s; its threads:"
  if command -v gdb >/dev/null 2>&1; then
    # Bounded too: a process stuck in the kernel can stall an attach.
    timeout 60 gdb -p "$pid" -batch -nx -ex "thread apply all bt" 2>&1 | grep -v '^\[New LWP\|^\[Thread debugging' | head -400
  else
    echo "(gdb is not installed: deploy/install-deps.sh installs it)"
  fi
  # Its children too: a child stuck since its fork would hold the caller's output pipe open.
  # (/proc/PID/stat: the parent is the second field after the name, which may hold spaces.)
  for stat in /proc/[0-9]*/stat; do
    line=$(cat "$stat" 2>/dev/null) || continue
    set -- ${line##*) }
    [ "${2:-}" = "$pid" ] && child=${stat#/proc/} && kill -9 "${child%/stat}" 2>/dev/null
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  exit 124
fi
wait "$pid"
