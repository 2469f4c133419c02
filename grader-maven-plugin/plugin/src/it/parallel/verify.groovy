// parallel streams and parallel array operations are blocked, each with a sequential hint.
def dir = new File(basedir, 'target/grader')
def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(dir, name)) }
def ids = ['dev.pagelab.exercises.pagewalk.WalkerTest#nonCanonical',
    'dev.pagelab.exercises.pagewalk.WalkerTest#notPresentAtTheTop',
    'dev.pagelab.exercises.pagewalk.WalkerTest#translates4KiB']
assert log.contains('BUILD SUCCESS') : 'the grader must not fail the build'
def grade = slurp('grade.json')
def gradescope = slurp('results.json')
assert new File(dir, 'index.html').text.contains('<html')
assert gradescope.score == grade.score && gradescope.max_score == grade.maxScore
assert grade.maxScore == 4 : "maxScore ${grade.maxScore}"
assert grade.tests*.id == ids
assert grade.score == 0
assert grade.forks == 0 : 'no test may run'
assert grade.tests.every { it.status == 'blocked' && it.score == 0 } : grade.tests*.status
def violations = grade.staticCheck.violations
assert !violations.isEmpty()
assert violations.every { it.location ==~ /[A-Za-z]+\.java(:\d+)?/ && !it.hint.isEmpty() && !it.hintKo.isEmpty() } : violations
['parallelSetAll', 'parallelSort', 'parallelStream', 'StreamSupport', '.parallel()'].each { m ->
  assert violations.any { it.rule == 'THREADS' && it.target.contains(m) } : "${m}: ${violations}"
}
return true
