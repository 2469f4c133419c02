// a deep recursion in a static initializer fails the tests and says why; the JVM survives.
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
assert grade.forks == 1
assert grade.tests.every { it.status == 'failed' && it.detail.contains('The static initializer of dev.pagelab.exercises.pagewalk.Walker failed') && it.detail.contains('StackOverflowError') } : grade.tests
return true
