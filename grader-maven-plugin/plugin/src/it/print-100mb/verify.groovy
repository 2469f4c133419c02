// printing 100 MB is capped: the output is cut, a correct answer keeps its points.
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
assert grade.score == 4
assert grade.tests.every { it.status == 'passed' && it.output.length() < 70000 }
assert grade.tests[0].output.contains('more bytes of output were dropped') : 'the first test printed 100 MB'
assert grade.forks == 1
assert new File(dir, 'grade.json').length() < 400000
return true
