"""A major change in real browsers, as the contract wants it: raised three days ahead and refused
with the reason, moved to a week ahead and submitted, approved by the zone administration's
supervisor on a phone, shown on the calendar with a collision against the demo's change on the
same switch, its switch in maintenance while it is implemented, completed with its maintenance
document and reviewed."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import phone_browser
from test_service_desk import act, login, replaced, submit


def beijing_day(days):
    return (datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=days)).isoformat()


def set_value(browser, name, value):
    """datetime-local fields take their value as the browser would send it."""
    browser.execute_script("document.querySelector(arguments[0]).value = arguments[1];", f"[name='{name}']", value)


def test_major_change_from_notice_to_review(server, artifacts):
    url = server.url
    engineer, supervisor = phone_browser(), phone_browser()
    try:
        # Raised three days ahead: the draft is kept, submitting is refused with the contract's reason.
        login(engineer, url, "engineer")
        engineer.get(url + "/changes/new")
        assert "至少提前5天" in engineer.find_element(By.TAG_NAME, "main").text
        engineer.find_element(By.NAME, "title").send_keys("卡口接入交换机割接")
        Select(engineer.find_element(By.NAME, "type")).select_by_value("major")
        engineer.find_element(By.NAME, "ciIds").send_keys("卡口接入交换机")
        set_value(engineer, "plannedStart", beijing_day(3) + "T22:30")
        set_value(engineer, "plannedEnd", beijing_day(3) + "T23:30")
        engineer.find_element(By.NAME, "plan").send_keys("更换上联模块并割接两个通道")
        engineer.find_element(By.NAME, "rollbackPlan").send_keys("恢复原模块和跳线")
        submit(engineer, engineer.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        change_url = engineer.current_url
        assert "还差" in engineer.find_element(By.ID, "change-warnings").text
        page = engineer.find_element(By.TAG_NAME, "html")
        engineer.find_element(By.CSS_SELECTOR, "form[data-action='submit'] button").click()
        WebDriverWait(engineer, 20).until(replaced(page))
        WebDriverWait(engineer, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
            EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "至少提前5天书面提交"))
        engineer.save_screenshot(str(artifacts / "change-lead-time-refused-phone.png"))

        # A week ahead: submitted.
        engineer.get(change_url + "/edit")
        set_value(engineer, "plannedStart", beijing_day(7) + "T22:30")
        set_value(engineer, "plannedEnd", beijing_day(7) + "T23:30")
        submit(engineer, engineer.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        act(engineer, "submit")
        assert "待审批" in engineer.find_element(By.TAG_NAME, "main").text
        assert not engineer.find_elements(By.CSS_SELECTOR, "form[data-action='approve']"), "the raiser cannot approve"

        # The supervisor reads the whole request on a phone and approves it.
        login(supervisor, url, "supervisor")
        supervisor.get(change_url)
        main = supervisor.find_element(By.TAG_NAME, "main").text
        assert "更换上联模块并割接两个通道" in main and "恢复原模块和跳线" in main
        assert "时间冲突" in supervisor.find_element(By.ID, "change-warnings").text, "the demo's change on the same switch collides"
        assert supervisor.execute_script("return document.documentElement.scrollWidth") <= 390
        act(supervisor, "approve", {"comment": "同意，注意提前通知海关"})
        assert "已批准" in supervisor.find_element(By.TAG_NAME, "main").text
        supervisor.save_screenshot(str(artifacts / "change-approved-phone.png"))

        # On the calendar (a list on a phone), marked as colliding.
        engineer.get(url + "/changes/calendar?view=week&date=" + beijing_day(7))
        entry = engineer.find_element(By.XPATH, "//section[@id='calendar-list']//div[contains(@class,'cal-change')][contains(., '卡口接入交换机割接')]")
        assert "collides" in entry.get_attribute("class")
        engineer.save_screenshot(str(artifacts / "change-calendar-phone.png"))

        # Implementing: the switch shows maintenance.
        engineer.get(change_url)
        act(engineer, "implement")
        engineer.find_element(By.LINK_TEXT, "卡口接入交换机").click()
        WebDriverWait(engineer, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1 .state-maintenance")))
        assert "维护" in engineer.find_element(By.CSS_SELECTOR, "h1 .state-maintenance").text

        # Completed with its maintenance document; reviewed; the switch is out of maintenance.
        engineer.get(change_url)
        act(engineer, "complete", {"comment": "割接完成，两个通道验证正常", "document": "维护文档：上联模块型号、序列号，割接前后配置已备份。"})
        supervisor.get(change_url)
        act(supervisor, "review", {"comment": "按计划完成，资料齐全"})
        text = supervisor.find_element(By.TAG_NAME, "main").text
        assert "已评审" in text and "维护文档：上联模块型号" in text
        engineer.get(change_url)
        engineer.find_element(By.LINK_TEXT, "卡口接入交换机").click()
        assert not engineer.find_elements(By.CSS_SELECTOR, "h1 .state-maintenance")
        # The written request prints.
        engineer.get(change_url + "/print")
        assert "变更申请单" in engineer.find_element(By.TAG_NAME, "main").text
        engineer.save_screenshot(str(artifacts / "change-request-sheet.png"))
    finally:
        engineer.quit()
        supervisor.quit()
