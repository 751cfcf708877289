// Files an export carries inside itself (e.g. base64 uploads), written beside the workspace by content hash.
#include "extractors/common/file_store.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/error.hpp"

namespace baton::extract {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw InputError(ExitCode::output_unwritable, {path, 0, 0}, problem,
                     "check that the folder beside the workspace is writable and the disk has room");
}

}  // namespace

FileStore::Writer::Writer(const FileStore& store) : m_folder(store.folder()), m_sha1(std::make_unique<Poco::SHA1Engine>()) {
    std::error_code error;
    fs::create_directories(fs::path(m_folder) / "incoming", error);
    if (error) fail(m_folder, "cannot create the folder for embedded files: " + error.message());
    static std::atomic<unsigned> counter{0};
    m_temporary = (fs::path(m_folder) / "incoming" /
                   (std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + ".part"))
                      .string();
    m_file = std::fopen(m_temporary.c_str(), "wb");
    if (m_file == nullptr) fail(m_temporary, std::string("cannot create the file: ") + std::strerror(errno));
}

FileStore::Writer::~Writer() {
    if (m_file != nullptr) {
        std::fclose(m_file);
        std::remove(m_temporary.c_str());
    }
}

void FileStore::Writer::write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) {
        fail(m_temporary, std::string("cannot write the file: ") + std::strerror(errno));
    }
    m_sha1->update(bytes.data(), static_cast<unsigned>(bytes.size()));
    m_size += bytes.size();
}

StoredFile FileStore::Writer::finish() {
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!closed) {
        std::remove(m_temporary.c_str());
        fail(m_temporary, std::string("cannot write the file: ") + std::strerror(errno));
    }
    StoredFile stored;
    stored.sha1 = Poco::DigestEngine::digestToHex(m_sha1->digest());
    stored.size = m_size;
    const fs::path place = fs::path(m_folder) / stored.sha1.substr(0, 2) / stored.sha1;
    stored.path = place.string();
    std::error_code error;
    fs::create_directories(place.parent_path(), error);
    if (!error) fs::rename(m_temporary, place, error);  // same bytes already there: replaced by equal bytes
    if (error) {
        std::remove(m_temporary.c_str());
        fail(stored.path, "cannot move the file into place: " + error.message());
    }
    return stored;
}

std::string sha1_hex_to_base36(std::string_view hex) {
    // Repeated division of the big number (as base-16 digits) by 36.
    std::vector<int> digits;
    for (const char c : hex) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digits.push_back(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digits.push_back(c - 'A' + 10);
        } else {
            return {};
        }
    }
    std::string out;
    while (!digits.empty()) {
        std::vector<int> quotient;
        int remainder = 0;
        for (const int digit : digits) {
            const int value = remainder * 16 + digit;
            if (!quotient.empty() || value / 36 != 0) quotient.push_back(value / 36);
            remainder = value % 36;
        }
        out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[remainder]);
        digits = std::move(quotient);
    }
    while (out.size() < 31) out.insert(out.begin(), '0');
    return out;
}

}  // namespace baton::extract
