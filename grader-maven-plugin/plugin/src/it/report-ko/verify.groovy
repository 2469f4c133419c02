// The Korean report: the whole picture first (public points and what the hidden tests hold), the
// tests in the order of declaration under their Korean titles, the failure message in Korean only,
// and grade.json, Gradescope's results.json and Classroom 50's result.json beside index.html.
def dir = new File(basedir, 'target/grader')
def json = new groovy.json.JsonSlurper()
def grade = json.parse(new File(dir, 'grade.json'))
def gradescope = json.parse(new File(dir, 'results.json'))
def classroom = json.parse(new File(dir, 'result.json'))
def html = new File(dir, 'index.html').getText('UTF-8')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('실습 pagewalk: 3/4 (75%); 교수자의 숨은 테스트에 17점이 더 있음') : log
def rows = log.readLines().findAll { it.contains('canonical이 아닌 주소') || it.contains('빈 PML4') || it.contains('4 KiB 페이지') }
assert rows.size() == 3 && rows[0].contains('canonical') && rows[1].contains('빈 PML4') && rows[2].contains('4 KiB') : rows
assert html.contains('lang="ko"') && html.contains('공개 테스트: 4점 중 3점')
assert html.contains('교수자의 숨은 테스트에 17점(3개 테스트)이 더 걸려 있습니다')
assert html.contains('va 2^47은 canonical 주소가 아닙니다') && !html.contains('va 2^47 is not canonical')
assert grade.exercises.size() == 1 && grade.exercises[0].hidden.maxScore == 17 && !grade.exercises[0].hidden.ran
assert grade.exercises[0].public.score == 3 && grade.exercises[0].public.maxScore == 4
assert grade.tests*.title == ['Non-canonical address', 'Empty PML4: not present', 'A 4 KiB page']
assert gradescope.score == 3 && gradescope.tests.every { it.visibility == 'visible' }
assert classroom.schema == 'classroom50/result/v1' && classroom.score == 3 && classroom['max-score'] == 4
assert classroom.tests.size() == 3 && classroom.tests.every { it['test-name'] && it.score instanceof Integer }
return true
