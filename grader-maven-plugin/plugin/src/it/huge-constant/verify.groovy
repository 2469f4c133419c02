// a string constant too long for a class file is a compile error with its line, not a crash.
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
assert grade.score == 0
assert !grade.compile.passed
assert grade.compile.errors.any { it.file == 'Walker.java' && it.line > 0 && it.message.contains('too long') } : grade.compile.errors
return true
