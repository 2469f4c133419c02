// Reads grade.json and checks this walker got exactly what it earned, and the build survived.
def dir = new File(basedir, 'target/grader')
def grade = new groovy.json.JsonSlurper().parse(new File(dir, 'grade.json'))
def gradescope = new groovy.json.JsonSlurper().parse(new File(dir, 'results.json'))
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the grader must not fail the build'
assert new File(dir, 'index.html').text.contains('<html')
assert grade.maxScore == 4 : "maxScore ${grade.maxScore}"
assert gradescope.max_score == 4 && gradescope.score == grade.score
assert grade.tests*.id == ['dev.pagelab.exercises.pagewalk.WalkerTest#nonCanonical',
    'dev.pagelab.exercises.pagewalk.WalkerTest#notPresentAtTheTop',
    'dev.pagelab.exercises.pagewalk.WalkerTest#translates4KiB']
assert grade.score == 0
assert grade.forks == 0 : 'no test may run'
assert grade.tests.every { it.status == 'blocked' && it.score == 0 }
assert grade.staticCheck.violations.any { it.rule == 'RESERVED_PACKAGE' } : grade.staticCheck.violations
assert log.contains('Walker.java:') || log.contains('Sneaky')
return true
