// The worker's word for each photo kind, from string resources.
package app.ruhu.app.camera

import androidx.annotation.StringRes
import app.ruhu.app.R
import uniffi.ruhu_core.PhotoKind

/** The string resource naming [kind] on the capture screen. */
@StringRes
fun photoKindLabel(kind: PhotoKind): Int = when (kind) {
    PhotoKind.HOUSE -> R.string.photo_kind_house
    PhotoKind.PEOPLE -> R.string.photo_kind_people
    PhotoKind.DAMAGE -> R.string.photo_kind_damage
    PhotoKind.ID_CARD -> R.string.photo_kind_id_card
    PhotoKind.MEDICAL_BILL -> R.string.photo_kind_medical_bill
    PhotoKind.AUTHORIZATION -> R.string.photo_kind_authorization
    PhotoKind.SIGNATURE -> R.string.photo_kind_signature
    PhotoKind.PUBLIC_NOTICE -> R.string.photo_kind_public_notice
}
