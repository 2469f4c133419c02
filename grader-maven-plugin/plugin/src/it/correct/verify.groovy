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
assert grade.score == 4 && grade.percent == 100
assert grade.forks == 1
assert grade.tests.every { it.status == 'passed' }
assert gradescope.tests.every { it.status == 'passed' }
assert log =~ /Exercise pagewalk: 4\/4 \(100%\)/
return true
