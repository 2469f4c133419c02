// carriage returns and ANSI escapes in a message or the output forge no row and no summary line.
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
def forged = { s -> s.contains('\r') || s.contains('\u001b') }
assert grade.tests.every { !forged(it.detail) && !forged(it.output) } : grade.tests
assert !forged(gradescope.output)
assert gradescope.tests.every { !forged(it.output) }
// The table opens and closes with the exercise's line; no other line says it.
def totals = log.readLines().findAll { it.contains('Exercise pagewalk:') }
assert totals == ['[INFO] Exercise pagewalk: 0/4 (0%)'] * 2 : totals
// The forged text may only stay inside its own row, never start one.
assert !log.readLines().any { it ==~ /\[INFO\] 2 +2\/2 +passed.*/ } : 'a forged row'
assert log.readLines().count { it.startsWith('[INFO] 2 ') } == 3
assert !gradescope.output.readLines().any { it.startsWith('Exercise pagewalk: 4/4') }
return true
