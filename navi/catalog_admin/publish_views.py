"""Review and publish the draft, restore a version, catalog files in and out, and kiosk bundles."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from navi.catalog_admin import presenters
from navi.catalog_admin.forms import ImportForm, PublishForm
from navi.catalog_admin.labels import KIND_LABELS
from navi.domain.catalog.export import read_zip, zip_catalog
from navi.domain.catalog.loader import CatalogInvalid
from navi.domain.catalog.review import structure_problems
from navi.payload.keys import KeysError
from navi.records import catalog_drafts, catalogs
from navi.records.kiosk_bundles import current_bundle
from navi.web.downloads import file_response
from navi.web.errors import problem_page
from navi.web.extensions import catalog_published, db
from navi.web.forms import ActionForm
from navi.web.i18n import lazy_gettext as _l
from navi.web.staff_auth import current_staff, require_role

NO_KEY = (_l("鍵がありません"),
          _l("この窓口にはまだ暗号化の鍵がありません。サーバーで navi keys generate を実行してください。"))


def index_page(import_form: ImportForm | None = None, problems=(), status: int = 200):
    """The catalog's home page (also shown again with the problems of a refused import; after a publication,
    with the link to the kiosk bundle the tablets now need)."""
    session = db()
    version, _ = catalog_drafts.published_document(session)
    return render_template("catalog_admin/index.html", version=version, draft=catalog_drafts.current_draft(session),
                           publications=catalogs.publications(session), kinds=KIND_LABELS,
                           import_form=import_form or ImportForm(formdata=None), action=ActionForm(),
                           problems=problems, published=request.args.get("published"),
                           problems_links=[("import-problems", f"{p.file} {p.path}: {p.message}") for p in problems]
                           ), status


@require_role("supervisor")
def index():
    """The catalog's home: what is published, the draft, every kind of entity to edit, files and bundles."""
    return index_page()


@require_role("supervisor")
def review():
    """「変更内容の確認」: the diff, every check and example, and the changed questions as residents see them."""
    return _review_page(PublishForm(formdata=None))


def _review_page(form: PublishForm, status: int = 200):
    result, draft, version = catalog_drafts.review_draft(db())
    questions = [presenters.question_page(result.catalog, question_id)
                 for question_id in result.changed_questions()] if result.catalog else []
    return render_template("catalog_admin/review.html", review=result, draft=draft, version=version, form=form,
                           questions=questions, action=ActionForm()), status


@require_role("supervisor")
def publish():
    """Publish the reviewed draft; refused (with the review) while anything fails."""
    form = PublishForm()
    if not form.validate_on_submit():
        return _review_page(form, 422)
    publication, _ = catalog_drafts.publish(db(), current_staff().username, form.note.data or "")
    if publication is None:
        flash(str(_l("公開できませんでした。下の失敗している項目を直してください。")))
        return _review_page(form, 409)
    catalog_published()
    flash(str(_l("版 %(version)s を公開しました。窓口と職員用の画面は次の操作から新しい版を使います。",
                 version=publication.version)))
    return redirect(url_for(".index", published=publication.version))


@require_role("supervisor")
def discard():
    """Throw the draft away."""
    if ActionForm().validate_on_submit() and catalog_drafts.discard(db(), current_staff().username):
        flash(str(_l("下書きを破棄しました。")))
    return redirect(url_for(".index"))


@require_role("supervisor")
def restore(publication_id: int):
    """Publish an earlier version again (a new publication; the list keeps the history)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    restored = catalogs.restore(db(), publication_id, current_staff().username)
    if restored is None:
        abort(404)
    catalog_published()
    flash(str(_l("版 %(version)s に戻しました（新しい公開として記録しました）。", version=restored.version)))
    return redirect(url_for(".index"))


@require_role("supervisor")
def export_zip():
    """The catalog as files in the forms_catalog/ layout: a published version (?version=), or the draft (?draft=1)."""
    found = catalog_drafts.exported_document(db(), current_staff().username, draft=bool(request.args.get("draft")),
                                             version=request.args.get("version"))
    if found is None:
        abort(404)
    name, document = found
    data = zip_catalog(document, Path(current_app.config["CATALOG_DIR"]) / "forms" / "backgrounds")
    return file_response(data, "application/zip", f"catalog-{name}.zip", attachment=True)


@require_role("supervisor")
def import_zip():
    """Replace the draft with the catalog of an uploaded zip (the published version is untouched)."""
    form = ImportForm()
    if not form.validate_on_submit():
        return index_page(form, status=422)
    try:
        raw = read_zip(form.archive.data.read())
    except CatalogInvalid as error:
        return index_page(form, error.problems, 422)
    if problems := structure_problems(raw):
        return index_page(form, problems, 422)
    name = Path(form.archive.data.filename or "upload.zip").name[:80]
    catalog_drafts.change(db(), current_staff().username, lambda _document: raw, "catalog_import", name,
                          {"source": "upload"})
    flash(str(_l("「%(name)s」を下書きに読み込みました。変更内容を確認してください。", name=name)))
    return redirect(url_for(".review"))


@require_role("supervisor")
def bundle():
    """The kiosk bundle of the current published version, signed by this counter."""
    try:
        signed = current_bundle(db(), Path(current_app.config["KEYS_DIR"]), current_staff().username)
    except KeysError:
        return problem_page(NO_KEY, 409)
    return file_response(signed.data, "application/octet-stream", signed.filename, attachment=True)
