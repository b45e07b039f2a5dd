// The household form's economics by the form's sources: yearly income, necessary expenditure
// and property, each field sent as typed, with the core's 人均月收入 against the 低保 line once
// the household is saved (the state's economics figures).
package app.ruhu.ui.householdform

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.ui.R
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.householdscreen.dibaoLineText
import app.ruhu.ui.householdscreen.yuan

/** Income sources (yearly, 元), by form key. */
private val incomeKeys = listOf(
    "wage" to R.string.hf_wage, "farming" to R.string.hf_farming, "business" to R.string.hf_business,
    "property_rental" to R.string.hf_property_rental, "land_transfer" to R.string.hf_land_transfer,
    "pension" to R.string.hf_pension, "support_received" to R.string.hf_support_received,
    "subsidies" to R.string.hf_subsidies, "other_income" to R.string.hf_other_income,
)

/** Necessary expenditure (yearly, 元), by form key. */
private val expenditureKeys = listOf(
    "medical" to R.string.hf_medical, "education" to R.string.hf_education_cost,
    "housing" to R.string.hf_housing_cost, "other_expenditure" to R.string.hf_other_expenditure,
)

/** Property (counts and 元), by form key. */
private val assetKeys = listOf(
    "house_count" to R.string.hf_house_count, "house_value" to R.string.hf_house_value,
    "vehicle_count" to R.string.hf_vehicle_count, "vehicle_value" to R.string.hf_vehicle_value,
    "deposits" to R.string.hf_deposits, "securities" to R.string.hf_securities, "debts" to R.string.hf_debts,
)

/** Every economics key the editor shows, in the form's order ("economics.<name>"). */
val economicsKeysShown: List<String> = (incomeKeys + expenditureKeys + assetKeys).map { "economics.${it.first}" }

@Composable
internal fun Economics(state: HouseholdFormState, onEvent: (HouseholdFormEvents) -> Unit) {
    SectionTitle(stringResource(R.string.hf_economics))
    val e = state.economics
    if (e == null) {
        DetailText(stringResource(R.string.hf_per_capita_none))
    } else {
        BodyText(stringResource(R.string.hf_per_capita, yuan(e.perCapitaMonthlyIncomeFen)))
        BodyText(dibaoLineText(state.belowDibao, state.dibaoLineFen))
    }
    SectionTitle(stringResource(R.string.hf_income))
    incomeKeys.forEach { (name, words) -> FormTextField(stringResource(words), "economics.$name", state, onEvent) }
    SectionTitle(stringResource(R.string.hf_expenditure))
    expenditureKeys.forEach { (name, words) -> FormTextField(stringResource(words), "economics.$name", state, onEvent) }
    SectionTitle(stringResource(R.string.hf_assets))
    assetKeys.forEach { (name, words) -> FormTextField(stringResource(words), "economics.$name", state, onEvent) }
}
