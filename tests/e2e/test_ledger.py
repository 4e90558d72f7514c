"""The asset ledger with files made the way users make them (openpyxl), hostile ones included."""
import datetime
import io
import time

import openpyxl
import requests

from conftest import ADMIN_PASSWORD


def token(server):
    r = requests.post(server.url + "/api/v1/tokens", json={"username": "admin", "password": ADMIN_PASSWORD})
    return {"Authorization": "Bearer " + r.json()["token"]}


def upload(server, auth, content, name="ledger.xlsx", dry_run=False):
    return requests.post(server.url + "/api/v1/cis/import" + ("?dryRun=true" if dry_run else ""), headers=auth,
                         files={"file": (name, content)}, timeout=600)


def workbook_bytes(build):
    wb = openpyxl.Workbook()
    build(wb.active)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_export_opens_in_openpyxl_with_chinese_headers(server):
    auth = token(server)
    r = requests.get(server.url + "/api/v1/cis/export.xlsx", headers=auth)
    assert r.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["类型", "名称", "资产编号", "品牌"]
    assert "属性" in header
    assert sheet.max_row >= 50
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "核心交换机" in names and "1号通道（进区）" in names
    # End dates are real Excel dates, shown as yyyy-mm-dd; every column has a width.
    warranty = header.index("保修到期") + 1
    dated = [row[warranty - 1] for row in sheet.iter_rows(min_row=2) if row[warranty - 1].value is not None]
    assert dated and all(isinstance(cell.value, datetime.datetime) for cell in dated)
    assert dated[0].number_format == "yyyy\\-mm\\-dd" or "yy" in dated[0].number_format
    assert sheet.column_dimensions["B"].width and sheet.column_dimensions["B"].width > 8


def test_hostile_workbook_keeps_good_rows_and_explains_bad_ones(server):
    def build(ws):
        ws.append(["类型", "名称", "资产编号", "IP地址", "购置日期", "保修到期", "重要程度", "属性"])
        ws.append(["服务器", "日期单元格服务器", "H-1", "10.7.0.1", datetime.date(2024, 3, 5), datetime.datetime(2027, 6, 30, 8, 0), 2, ""])
        ws.append(["服务器", "数字IP服务器", "H-2", 10, "2024-01-01", None, "一级", ""])
        ws.append(["摄像机", "编码是数字的摄像机", "H-3", "10.7.0.3", None, None, None, "海关视频编码=4101001110132350"])
        ws.append(["交换机", "合并单元格交换机", "H-4", "10.7.0.4", None, None, None, ""])
        ws.append(["交换机", None, "H-5", "10.7.0.5", None, None, None, ""])
        ws.merge_cells("B5:B6")  # the merged area hides row 6's name
        ws.append(["交换机", "=CONCATENATE(\"公式\",\"交换机\")", "H-6", "10.7.0.6", None, None, None, ""])
        ws.append(["交换机", "超长名称" * 200, "H-7", "10.7.0.7", None, None, None, ""])
        ws.append([None] * 8)
        ws.append(["UPS", "末尾UPS", "H-8", None, None, None, "3", "容量(kVA)=不是数字"])
    auth = token(server)
    r = upload(server, auth, workbook_bytes(build))
    assert r.status_code == 200, r.text
    result = r.json()
    rows_with_errors = {e["row"] for e in result["errors"]}
    assert 2 not in rows_with_errors, result["errors"]
    assert {3, 4, 6, 7, 8, 10} <= rows_with_errors, result["errors"]
    assert 9 not in rows_with_errors, "an empty row is skipped, not reported"
    by_row = {(e["row"], e["column"]): e["message"] for e in result["errors"]}
    assert "不是有效的 IP 地址" in by_row[(3, "IP地址")]
    assert any(col == "属性:customsCode" or "customsCode" in col for (row, col) in by_row if row == 4)
    assert (6, "名称") in by_row
    assert any(row == 10 and "capacityKVA" in col and "应为数字" in msg for (row, col), msg in by_row.items()), by_row
    kept = requests.get(server.url + "/api/v1/cis?q=h-1", headers=auth).json()["items"][0]
    assert kept["purchaseDate"] == "2024-03-05" and kept["warrantyEnd"] == "2027-06-30" and kept["criticality"] == 2
    assert requests.get(server.url + "/api/v1/cis?q=h-5", headers=auth).json()["total"] == 0


def test_ten_thousand_rows(server):
    def build(ws):
        ws.append(["类型", "名称", "资产编号", "IP地址", "属性"])
        for i in range(10000):
            ip = f"10.{50 + i // 62500}.{(i // 250) % 250}.{i % 250 + 1}" if i not in (17, 4242, 9999) else "999.1.1.1"
            ws.append(["摄像机", f"批量摄像机{i}", f"BULK-{i:05d}", ip, f"类型=枪机"])
    content = workbook_bytes(build)
    auth = token(server)
    dry = upload(server, auth, content, dry_run=True).json()
    assert dry["imported"] == 9997 and len(dry["errors"]) == 3
    assert requests.get(server.url + "/api/v1/cis?q=bulk-", headers=auth).json()["total"] == 0, "a dry run writes nothing"
    start = time.perf_counter()
    result = upload(server, auth, content).json()
    elapsed = time.perf_counter() - start
    assert result["imported"] == 9997, result
    assert sorted(e["row"] for e in result["errors"]) == [19, 4244, 10001]
    assert requests.get(server.url + "/api/v1/cis?q=bulk-", headers=auth).json()["total"] == 9997
    print(f"10,000-row import took {elapsed:.1f} s")


def test_what_is_not_a_ledger(server):
    auth = token(server)
    r = upload(server, auth, b"this is not a spreadsheet at all", name="ledger.xlsx")
    assert r.status_code == 400 and "不是有效的 Excel" in r.json()["error"]["message"]
    empty = workbook_bytes(lambda ws: None)
    r = upload(server, auth, empty)
    assert r.status_code == 400 and "没有数据行" in r.json()["error"]["message"]


def test_import_in_the_browser_previews_before_writing(server, workdir, artifacts):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    from test_browser import phone_browser

    def build(ws):
        ws.append(["类型", "名称", "资产编号", "IP地址"])
        ws.append(["UPS", "浏览器导入UPS", "WEB-1", "10.99.0.1"])
        ws.append(["UPS", "坏IP的UPS", "WEB-2", "10.99.0.999"])
    path = workdir / "台账.xlsx"
    path.write_bytes(workbook_bytes(build))
    browser = phone_browser()
    try:
        wait = WebDriverWait(browser, 20)
        browser.get(server.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".stats")))
        browser.get(server.url + "/cmdb/import")
        browser.find_element(By.NAME, "file").send_keys(str(path))
        browser.find_element(By.CSS_SELECTOR, "form[enctype] button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.NAME, "token")))
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "将新增 1 个" in text and "1 行有问题" in text, text
        assert "不是有效的 IP 地址" in text
        browser.save_screenshot(str(artifacts / "import-preview-phone.png"))
        auth = token(server)
        assert requests.get(server.url + "/api/v1/cis?q=web-1", headers=auth).json()["total"] == 0, "nothing written yet"
        browser.find_element(By.XPATH, "//button[text()='确认导入']").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.ok")))
        assert "新增 1 个" in browser.find_element(By.CSS_SELECTOR, "p.ok").text
        assert requests.get(server.url + "/api/v1/cis?q=web-1", headers=auth).json()["total"] == 1
    finally:
        browser.quit()
