// The household screen's people and money: members (masked ID, relation, age, health, work;
// 迁出 and 死亡 said in words), supporters, and economics against the county's 低保 line.
package app.ruhu.ui.householdscreen

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.sexText
import uniffi.ruhu_core.HouseholdDetail
import uniffi.ruhu_core.MemberDetail
import uniffi.ruhu_core.MemberStatus

/** The members, present ones first; a member who left or died is marked so, never hidden. */
@Composable
internal fun Members(detail: HouseholdDetail) {
    SectionTitle(stringResource(R.string.hh_members, detail.members.count { it.member.status == MemberStatus.PRESENT }))
    if (detail.members.isEmpty()) EmptyLine(stringResource(R.string.hh_no_members))
    detail.members.sortedBy { it.member.status != MemberStatus.PRESENT }.forEach { MemberCard(it) }
}

@Composable
private fun MemberCard(d: MemberDetail) {
    val m = d.member
    InfoCard {
        val title = stringResource(R.string.hh_member_title, m.name, relationText(m.relation))
        CardTitle(if (m.status == MemberStatus.PRESENT) title else stringResource(R.string.hh_member_status_line, memberStatusText(m.status)) + title)
        CardLine(stringResource(R.string.hh_member_line, sexText(m.sex), d.age.toInt(), d.idMasked ?: stringResource(R.string.hh_no_id)))
        CardLine(stringResource(R.string.hh_health_line, healthText(m)))
        CardLine(stringResource(R.string.hh_work_school_line, workText(m.work), schoolText(m.school), maritalText(m.marital)))
    }
}

@Composable
internal fun Supporters(detail: HouseholdDetail) {
    SectionTitle(stringResource(R.string.hh_supporters, detail.supporters.size))
    if (detail.supporters.isEmpty()) EmptyLine(stringResource(R.string.hh_no_supporters))
    detail.supporters.forEach { d ->
        val s = d.supporter
        InfoCard {
            CardTitle(stringResource(R.string.hh_supporter_title, s.name, s.relation))
            CardLine(stringResource(R.string.hh_supporter_line, yuan(s.annualIncomeFen), yuan(s.annualSupportPaidFen)))
        }
    }
}

/** 人均月收入 and the core's verdict against the 低保 line [dibaoLineFen], in words (▼ 低于 / 不低于). */
@Composable
internal fun Economics(detail: HouseholdDetail, dibaoLineFen: Long?, belowDibao: Boolean?) {
    val e = detail.economicsSummary
    SectionTitle(stringResource(R.string.hh_economics))
    InfoCard {
        CardTitle(stringResource(R.string.hh_per_capita, yuan(e.perCapitaMonthlyIncomeFen)))
        CardLine(dibaoLineText(belowDibao, dibaoLineFen))
        CardLine(stringResource(R.string.hh_per_capita_after, yuan(e.perCapitaMonthlyAfterExpenditureFen)))
        CardLine(stringResource(R.string.hh_totals, yuan(e.totalIncomeFen), yuan(e.totalExpenditureFen)))
    }
}

/**
 * The core's verdict [below] (EconomicsPreview.belowDibao: 人均月收入 under the 低保 line
 * [dibaoLineFen]) in words; shared with the form. Nothing is compared here.
 */
@Composable
fun dibaoLineText(below: Boolean?, dibaoLineFen: Long?): String = when {
    dibaoLineFen == null || below == null -> stringResource(R.string.hh_no_line)
    below -> stringResource(R.string.hh_below_line, yuan(dibaoLineFen))
    else -> stringResource(R.string.hh_not_below_line, yuan(dibaoLineFen))
}
