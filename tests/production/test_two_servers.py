"""Two application servers on two ports, one PostgreSQL database and one Redis: what a person does
through one holds on the other."""

import urllib.request
import uuid

from tests.production.conftest import (
    ADMIN,
    MEMBER,
    PORTS,
    Visitor,
    production_environment,
    query,
)

OTHER_MEMBER = "ailsa.morrison@example.org"


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, mimetype) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {mimetype}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def test_two_servers_share_sessions_rate_limits_pages_and_files(processes, site_files, s3_bucket):
    """Uploaded files go to S3 (moto's server): neither server keeps them on its own disk."""
    site_url = f"http://127.0.0.1:{PORTS[1]}"
    env = production_environment(
        site_files, site_url=site_url, SERVE_MEDIA="false", MEDIA_ROOT="/nonexistent", **s3_bucket
    )
    one = processes.web("web-one", PORTS[1], env)
    two = processes.web("web-two", PORTS[2], env)
    host = site_url.removeprefix("http://")

    # A session made on one works on the other.
    member = Visitor(host)
    assert member.get(two, "/account/")[0] == 302  # not signed in: sent to sign in
    member.sign_in(one, *MEMBER)
    status, _headers, body = member.get(two, "/account/")
    assert status == 200 and MEMBER[0] in body

    # Failed sign-ins count across both servers: the sixth within five minutes is refused.
    intruder = Visitor(host)
    for server in (one, two, one, two, one):
        status, _headers, body = intruder.post(
            server, "/accounts/login/", {"login": OTHER_MEMBER, "password": "not-the-password"}
        )
        assert status == 200 and "Too many tries to sign in" not in body
    _status, _headers, body = intruder.post(
        two, "/accounts/login/", {"login": OTHER_MEMBER, "password": "not-the-password"}
    )
    assert "Too many tries to sign in" in body

    # A page unpublished through one is gone from both; published again through the other, back
    # on both.
    visitor = Visitor(host)
    assert visitor.get(one, "/about/")[0] == 200 and visitor.get(two, "/about/")[0] == 200
    about_id = query("SELECT id FROM wagtailcore_page WHERE url_path = '/home/about/'")
    admin = Visitor(host)
    admin.sign_in(one, *ADMIN)
    status, _headers, _body = admin.post(one, f"/admin/pages/{about_id}/unpublish/", {})
    assert status == 302
    assert visitor.get(one, "/about/")[0] == 404 and visitor.get(two, "/about/")[0] == 404
    status, _headers, _body = admin.post(
        two, f"/admin/bulk/wagtailcore/page/publish/?id={about_id}", {}
    )
    assert status == 302
    assert visitor.get(one, "/about/")[0] == 200 and visitor.get(two, "/about/")[0] == 200

    # A document uploaded through one is served by the other.
    content_type, body = multipart(
        {
            "title": "Two servers",
            "collection": query("SELECT id FROM wagtailcore_collection WHERE depth = 1"),
            "csrfmiddlewaretoken": admin.cookie("csrftoken"),
        },
        {"file": ("two-servers.txt", b"Uploaded through the first server.\n", "text/plain")},
    )
    status = admin.upload(one, "/admin/documents/add/", content_type, body)
    assert status == 302
    document_id = query("SELECT id FROM wagtaildocs_document WHERE title = 'Two servers'")
    # The other server checks the document's privacy, then sends the visitor to a signed address
    # on the object store that works for a minute.
    status, headers, _body = visitor.get(two, f"/documents/{document_id}/two-servers.txt")
    assert status == 302
    signed = headers["Location"]
    assert signed.startswith(s3_bucket["AWS_S3_ENDPOINT_URL"] + "/network-media/documents/")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    with urllib.request.urlopen(signed, timeout=10) as response:
        assert response.read() == b"Uploaded through the first server.\n"
