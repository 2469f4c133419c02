#!/usr/bin/env bash
# Times the grader's `grade` goal against Surefire running the same tests of one project.
#
#   grader-maven-plugin/bench/grade-vs-surefire.sh [PROJECT_DIR] [RUNS] [EXERCISE]
#
# PROJECT_DIR defaults to the `correct` integration-test project (build the plugin with its ITs
# first: ./mvnw -pl grader-maven-plugin/plugin -am verify). Another project, e.g. exercises/ or
# solutions/, works once the plugin is in the local repository (./mvnw install). Each goal runs
# RUNS times (default 5) after one warm-up; `grade` grades EXERCISE (default pagewalk; it must be
# the project's <exercise> if the project names one, else the goal skips). The script prints each
# median wall time in milliseconds and the ratio grade / Surefire. Both timings include Maven's own
# start-up.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROJECT=$(cd "${1:-$ROOT/grader-maven-plugin/plugin/target/it/correct}" && pwd)
RUNS=${2:-5}
EXERCISE=${3:-pagewalk}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
PLUGIN="dev.pagelab:pagelab-grader-maven-plugin:${VERSION}"
MVN=("$ROOT/mvnw" -B -q -f "$PROJECT/pom.xml")
if [[ "$PROJECT" == "$ROOT/grader-maven-plugin/plugin/target/it/"* ]]; then
  # The IT projects resolve the plugin from the ITs' own repository.
  IT_SETTINGS="$ROOT/grader-maven-plugin/plugin/target/it-settings.xml"
  sed "s#@localRepositoryUrl@#file://$HOME/.m2/repository#" \
    "$ROOT/grader-maven-plugin/plugin/src/it/settings.xml" > "$IT_SETTINGS"
  MVN+=(-s "$IT_SETTINGS" "-Dmaven.repo.local=$ROOT/grader-maven-plugin/plugin/target/it-repo")
fi

"${MVN[@]}" test-compile > /dev/null

# Prints the median wall time in ms of running the given Maven arguments RUNS times.
median_ms() {
  local times=()
  "${MVN[@]}" "$@" > /dev/null  # warm-up; fails loudly if the goal cannot run at all
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "${MVN[@]}" "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

surefire=$(median_ms surefire:test -DskipTests=false -Dmaven.test.failure.ignore=true)
grade=$(median_ms "$PLUGIN:grade" "-Dpagelab.grader.exercise=$EXERCISE")
echo "project:  $PROJECT"
echo "surefire: ${surefire} ms (median of $RUNS)"
echo "grade:    ${grade} ms (median of $RUNS)"
awk -v g="$grade" -v s="$surefire" 'BEGIN { printf "ratio:    %.2f (goal: at most 1.50)\n", g / s }'
