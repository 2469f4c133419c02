// two exercises in one project, one execution each: a forbidden call in the other exercise's package (oom) neither blocks nor touches the grade of pagewalk, and -Dpagelab.grader.exercise=pagewalk runs only pagewalk's execution.
def dir = new File(basedir, 'target/grader')
def log = new File(basedir, 'build.log').text
def slurp = { name -> new groovy.json.JsonSlurper().parse(new File(dir, name)) }
assert log.contains('BUILD SUCCESS') : 'the grader must not fail the build'
def grade = slurp('grade.json')
assert grade.exercise == 'pagewalk'
assert grade.maxScore == 4 && grade.score == 4 : "${grade.score}/${grade.maxScore}"
assert grade.compile.passed && grade.staticCheck.passed && grade.staticCheck.violations.isEmpty()
assert grade.tests.every { it.status == 'passed' }
assert !new File(dir, 'index.html').text.contains('Killer')
assert log.contains('this execution is for exercise oom; -Dpagelab.grader.exercise=pagewalk chose another, so it is skipped') : log
assert !new File(dir, 'oom').exists()
return true
