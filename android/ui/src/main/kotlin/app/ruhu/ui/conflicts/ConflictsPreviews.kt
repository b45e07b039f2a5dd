// Preview states of the conflicts screen: two fields in conflict (normal), a refused choice
// (problem), three candidates with long values (long), saving, and all settled. Fictional data.
package app.ruhu.ui.conflicts

import app.ruhu.presentation.conflicts.ConflictsState
import app.ruhu.presentation.core.Problem
import uniffi.ruhu_core.Conflict
import uniffi.ruhu_core.ConflictValue

private val phone = Conflict(
    "hh-1", "contact/phone", "联系电话",
    listOf(ConflictValue("139****2608", "\"13900002608\""), ConflictValue("150****7731", "\"15000007731\"")),
)
private val wage = Conflict(
    "hh-1", "economics/income/wage", "工资收入（每月）",
    listOf(ConflictValue("1200.00 元", "120000"), ConflictValue("1500.00 元", "150000")),
)
private val address = Conflict(
    "hh-1", "address/line", "门牌地址",
    listOf(
        ConflictValue("青石村三组 18 号（老房子，靠近村小学东侧）", "\"青石村三组 18 号（老房子，靠近村小学东侧）\""),
        ConflictValue("青石村三组 18 号之一（新建的两层砖房）", "\"青石村三组 18 号之一（新建的两层砖房）\""),
        ConflictValue("青石村四组 2 号（女儿家，暂住）", "\"青石村四组 2 号（女儿家，暂住）\""),
    ),
)

/** The named preview states of the conflicts screen. */
fun conflictsPreviewStates(): Map<String, ConflictsState> = mapOf(
    "normal" to ConflictsState("hh-1", conflicts = listOf(phone, wage), busy = false),
    "problem" to ConflictsState("hh-1", conflicts = listOf(phone), busy = false, problem = Problem.NotFound),
    "elder" to ConflictsState("hh-1", conflicts = listOf(wage), busy = false),
    "long" to ConflictsState("hh-1", conflicts = listOf(address, phone, wage), busy = false),
    "saving" to ConflictsState("hh-1", conflicts = listOf(phone), busy = true),
    "done" to ConflictsState("hh-1", busy = false),
)
