// the instructor grades a student's tree: only its sources of the exercise's package are read; its pom, tests and resources change nothing.
def dir = new File(basedir, 'target/grader')
def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(dir, name)) }
// This project's own WalkerTest (src/test/java), in the order it declares its tests.
def ids = ['dev.pagelab.exercises.pagewalk.WalkerTest#translates4KiB',
    'dev.pagelab.exercises.pagewalk.WalkerTest#notPresentAtTheTop',
    'dev.pagelab.exercises.pagewalk.WalkerTest#nonCanonical']
assert log.contains('BUILD SUCCESS') : 'the grader must not fail the build'
def grade = slurp('grade.json')
def gradescope = slurp('results.json')
assert new File(dir, 'index.html').text.contains('<html')
assert gradescope.score == grade.score && gradescope.max_score == grade.maxScore
def hidden = 'dev.pagelab.exercises.pagewalk.InstructorHiddenTest#canonicalInFiveLevelMode'
// The report's order: public before hidden, each class's tests in the order it declares them.
assert grade.tests*.id == (ids + [hidden]) : grade.tests*.id
// The student's walker checks 48 bits in 5-level mode: it fails the hidden test, which the
// instructor's own Walker (src/main/java here) would pass, so the student's code is what ran.
assert grade.maxScore == 5 && grade.score == 4 : grade.tests
assert grade.tests.find { it.id == hidden }.status == 'failed' 
assert log.contains('grading the sources of dev.pagelab.exercises.pagewalk in')
assert log.contains('student' + File.separator + 'src' + File.separator + 'main' + File.separator + 'java')
return true
