// on a JVM without the SecurityManager (Java 24+) the grader refuses to run, saying why: never unguarded.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('the runtime guard cannot run in the test JVM') && log.contains('has no SecurityManager')
assert log.contains('Grade with a JDK 17 to 23')
assert !new File(basedir, 'target/grader/grade.json').exists() : 'no report: nothing was graded'
return true
