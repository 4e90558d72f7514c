"""A phone logs in through headless Chromium and sees the Chinese workbench."""
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD

os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver: the zone is offline


def phone_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0},
        "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36",
    })
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def test_phone_logs_in_and_sees_the_chinese_dashboard(server, artifacts):
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/")
        wait.until(EC.presence_of_element_located((By.NAME, "username")))
        assert "登录" in browser.title
        browser.save_screenshot(str(artifacts / "login-phone.png"))

        browser.find_element(By.NAME, "username").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".stats")))

        body = browser.find_element(By.TAG_NAME, "body").text
        assert "系统管理员，您好" in body
        assert "用户" in body and "组织" in body and "今日登录" in body
        # the demo zone's accounts and organizations are counted from the database
        users = browser.find_element(By.XPATH, "//div[@class='stat'][span[@class='label']='用户']/span[@class='value']").text
        assert int(users) >= 8
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        browser.save_screenshot(str(artifacts / "dashboard-phone.png"))

        # the menu opens on a phone and leads to an area
        browser.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
        wait.until(EC.visibility_of_element_located((By.LINK_TEXT, "配置管理")))
        browser.save_screenshot(str(artifacts / "menu-phone.png"))
        browser.find_element(By.LINK_TEXT, "配置管理").click()
        wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        assert "配置管理" in browser.find_element(By.TAG_NAME, "h1").text

        # the service worker registers (PWA)
        registered = browser.execute_async_script(
            "const done = arguments[0];"
            "navigator.serviceWorker.getRegistration().then(r => done(!!r)).catch(() => done(false));")
        assert registered
    finally:
        browser.quit()


def test_enterprise_user_sees_no_administration(server):
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("enterprise")
        browser.find_element(By.NAME, "password").send_keys("zoneops-demo")
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".service-desk")))
        assert "系统管理" not in browser.page_source
        assert "今日登录" not in browser.page_source, "no zone-wide counters for an enterprise"
        browser.get(server.url + "/admin/users")
        assert "无权访问" in browser.find_element(By.TAG_NAME, "body").text
    finally:
        browser.quit()


def test_phone_finds_a_ci_and_sees_what_its_failure_reaches(server, artifacts):
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("engineer")
        browser.find_element(By.NAME, "password").send_keys("zoneops-demo")
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".stats")))
        browser.get(server.url + "/cmdb")
        search = browser.find_element(By.NAME, "q")
        search.send_keys("核心交换机")
        search.submit()
        wait.until(EC.presence_of_element_located((By.LINK_TEXT, "核心交换机")))
        browser.save_screenshot(str(artifacts / "cmdb-search-phone.png"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        browser.find_element(By.LINK_TEXT, "核心交换机").click()
        wait.until(EC.presence_of_element_located((By.LINK_TEXT, "影响分析")))
        assert "10.8.0.1" in browser.find_element(By.TAG_NAME, "body").text
        browser.find_element(By.LINK_TEXT, "影响分析").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.impact")))
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "1号卡口入区全景摄像机" in text, "the cameras behind the access switch are affected"
        assert "企业物流服务平台" in text, "and the business system on the servers"
        browser.save_screenshot(str(artifacts / "cmdb-impact-phone.png"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    finally:
        browser.quit()


def test_print_a_label_scan_it_and_land_on_the_ci(server, artifacts):
    import subprocess
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".stats")))
        browser.get(server.url + "/cmdb/labels?q=ZB-NET-001")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".label img")))
        wait.until(lambda b: b.execute_script("const i = document.querySelector('.label img'); return i.complete && i.naturalWidth > 0"))
        shot = artifacts / "label-sheet-phone.png"
        browser.save_screenshot(str(shot))
        decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True).stdout.strip()
        assert decoded.startswith(server.url + "/m/ci/"), decoded
        browser.get(decoded)  # what a phone does after the scan
        wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        assert browser.find_element(By.TAG_NAME, "h1").text == "核心交换机"
        assert "报修" in browser.find_element(By.TAG_NAME, "body").text
        browser.save_screenshot(str(artifacts / "scanned-ci-phone.png"))
    finally:
        browser.quit()


ROLE_CHECKS = {
    "admin": ["系统状态", "今日登录"],
    "lead": ["已过期未续", "即将超时的事件", "未分派"],
    "engineer": ["备件低于下限", "我的工单"],
    "duty": ["今日来电", "待回拨", "我的待办"],
    "supervisor": ["最近操作", "月度考核评分"],
    "customs": ["卡口车道", "摄像机", "0371-6655 8800"],
    "enterprise": ["联系运维服务台", "0371-6655 8800", "helpdesk@zzzone.example"],
}


def test_every_role_has_its_own_workbench_on_a_phone(server, artifacts):
    """One screenshot a role at phone size: what each works with, system counters for admins only."""
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        for role, expected in ROLE_CHECKS.items():
            browser.delete_all_cookies()
            browser.get(server.url + "/login")
            wait.until(EC.presence_of_element_located((By.NAME, "username")))
            browser.find_element(By.NAME, "username").send_keys(role)
            browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD if role == "admin" else "zoneops-demo")
            browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait.until(EC.url_to_be(server.url + "/"))
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".tiles")))
            body = browser.find_element(By.TAG_NAME, "body").text
            for text in expected:
                assert text in body, f"{role}: {text}"
            if role != "admin":
                assert "今日登录" not in body and "审计记录" not in body, role
            width = browser.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, f"{role}: the page scrolls sideways ({width}px)"
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.set_window_size(390, min(max(height, 844), 4000))
            browser.save_screenshot(str(artifacts / f"workbench-{role}-phone.png"))
            browser.set_window_size(390, 844)
    finally:
        browser.quit()


def test_long_unbroken_text_wraps_on_a_phone(server, artifacts):
    import requests
    token = requests.post(server.url + "/api/v1/tokens", json={"username": "admin", "password": ADMIN_PASSWORD}).json()["token"]
    long_url = "rtsp://admin@10.8.20.101:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1" + "_x" * 60
    r = requests.post(server.url + "/api/v1/cis", headers={"Authorization": f"Bearer {token}"},
                      json={"type": "camera", "name": "长地址摄像机", "notes": long_url, "hostname": "cam-" + "9" * 120})
    assert r.status_code == 201, r.text
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.url_to_be(server.url + "/"))
        browser.get(server.url + "/cmdb/ci/" + r.json()["id"])
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
        assert "Streaming/Channels" in browser.find_element(By.TAG_NAME, "body").text
        width = browser.execute_script("return document.documentElement.scrollWidth")
        browser.save_screenshot(str(artifacts / "long-text-phone.png"))
        assert width <= 390, f"a long RTSP address widens the page to {width}px"
    finally:
        browser.quit()
