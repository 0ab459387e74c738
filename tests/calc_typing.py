"""Types into a workbook's cell through LibreOffice Calc headless, as a person at the keyboard would, and saves it.

No Python UNO bridge is needed: a LibreOffice Basic macro, put into a throw-away user profile, opens the workbook,
moves to the cell (.uno:GoToCell) and enters the text through Calc's own input line (.uno:EnterString, what pressing
Enter after typing does): Calc reads the text as the cell's number format says (a cell formatted as text `@` keeps
"5" as the text "5"), recalculates every formula, and saves the workbook as XLSX with the new cached values.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub TypeInto(sIn As String, sSheet As String, sCell As String, sText As String, sOut As String)
  On Error GoTo Failed
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot; : aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aLoad())
  oCtrl = oDoc.getCurrentController()
  oCtrl.setActiveSheet(oDoc.getSheets().getByIndex(CInt(sSheet)))
  oDisp = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim aGo(0) As New com.sun.star.beans.PropertyValue
  aGo(0).Name = &quot;ToPoint&quot; : aGo(0).Value = sCell
  oDisp.executeDispatch(oCtrl.getFrame(), &quot;.uno:GoToCell&quot;, &quot;&quot;, 0, aGo())
  Dim aType(0) As New com.sun.star.beans.PropertyValue
  aType(0).Name = &quot;StringName&quot; : aType(0).Value = sText
  oDisp.executeDispatch(oCtrl.getFrame(), &quot;.uno:EnterString&quot;, &quot;&quot;, 0, aType())
  oDoc.calculateAll()
  Dim aSave(0) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot; : aSave(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
  Exit Sub
Failed:
  n = FreeFile
  Open sOut &amp; &quot;.error&quot; For Output As #n
  Print #n, Error$
  Close #n
End Sub
</script:module>
"""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc-nogui để chạy phép thử này.")
    return found


def typing_profile(folder: Path) -> Path:
    """A LibreOffice user profile whose macro library holds TypeInto (made once, a few seconds)."""
    profile = folder / "lo-typing-profile"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
                   capture_output=True, timeout=180, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.parent.is_dir(), "LibreOffice did not make its user profile"
    module.write_text(_MODULE, encoding="utf-8")
    return profile


def type_into(profile: Path, source: Path, sheet: int, cell: str, text: str, target: Path) -> Path:
    """`source` with `text` typed into `cell` of its sheet number `sheet` (0-based), saved by LibreOffice as
    `target` (an XLSX with the values it recalculated)."""
    for path in (source, target):  # the macro's arguments are quoted in a URL: keep the paths plain
        assert '"' not in str(path) and "," not in str(path), path
    url = f'macro:///Standard.Module1.TypeInto("{source}","{sheet}","{cell}","{text}","{target}")'
    done = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", url],
                          capture_output=True, text=True, timeout=180, check=False)
    error = target.with_name(target.name + ".error")
    assert not error.exists(), error.read_text(encoding="utf-8", errors="replace")
    assert target.is_file(), f"LibreOffice saved nothing ({done.returncode}): {done.stderr[-500:]}"
    return target
