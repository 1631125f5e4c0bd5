export const HELP = `bdg — Báo cáo BĐG bằng dòng lệnh

Cách dùng:  npm run --silent bdg -- <lệnh> [tùy chọn]

Các lệnh:
  init        --db F [--province "Tỉnh X"]             Tạo (hoặc mở) cơ sở dữ liệu với danh mục chỉ tiêu
  units list  --db F [--json]                          Liệt kê đơn vị
  units import --db F DANH_SACH.xlsx [--json]          Nhập danh sách đơn vị từ Excel
       [--columns name=B,kind=D,contact=E,...] [--dry-run]  (chỉ rõ cột nào là gì; chỉ xem trước)
  units export --db F --out DANH_SACH.xlsx [--json]    Xuất danh sách đơn vị ra Excel
  catalog     --db F [--json]                          Danh mục chỉ tiêu
  period create --db F --year YYYY --kind half_year|year|adhoc [--deadline YYYY-MM-DD] [--json]
                                                       Tạo kỳ báo cáo (6 tháng, năm, đột xuất)
  period list --db F [--json]                          Liệt kê kỳ báo cáo
  template export --db F --period ID --out THU_MUC [--unit MA] [--json]
                                                       Xuất mẫu biểu Excel cho các đơn vị
  import      --db F --period ID [--received-at YYYY-MM-DD [--received-reason "…"]] [--allow-blanking]
              TỆP_HOẶC_THƯ_MỤC... [--json]
                                                       Nhập báo cáo đơn vị gửi về
  status      --db F --period ID [--json]              Tình hình gửi báo cáo (đúng hạn, muộn, chưa gửi)
  consolidate --db F --period ID [--json]              Tổng hợp số liệu và chỉ tiêu
  export      --db F --period ID --out TEP.xlsx [--include-sensitive] [--doc-number SO]
                                                       Xuất báo cáo gửi Bộ Nội vụ
  serve       [--db F] [--port N] [--demo] [--no-open] Mở giao diện trong trình duyệt (chỉ trên máy này)
  backup      --db F [--out TEP]                       Sao lưu cơ sở dữ liệu
  restore     --db F --from TEP [--force]              Khôi phục từ bản sao lưu (giữ lại bản hiện tại);
                                                       --force: đã xác nhận khôi phục bản của tỉnh/CSDL khác
  check       --db F [--json]                          Kiểm tra toàn vẹn cơ sở dữ liệu

Tùy chọn chung:
  --db F      Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)
  --json      In đúng một đối tượng JSON ra stdout; thông báo tiếng Việt ra stderr
  -h, --help  Xem hướng dẫn

Mã thoát: 0 khi lệnh chạy xong (kể cả khi có tệp bị từ chối), 2 khi sai cách dùng, 1 khi không chạy được.
`;

const DETAIL: Record<string, string> = {
  import:
    'bdg import --db F --period ID [--received-at YYYY-MM-DD [--received-reason "…"]] [--allow-blanking]\n' +
    '           TỆP_HOẶC_THƯ_MỤC...\n' +
    '  Nhập từng tệp .xlsx/.xlsm/.xls (thư mục: mọi tệp Excel bên trong). Mỗi tệp được kiểm tra đầy đủ; tệp có lỗi\n' +
    '  không ghi gì vào cơ sở dữ liệu. Trước mỗi lần nhập, ứng dụng tự sao lưu.\n' +
    '  Hai tệp của cùng một đơn vị trong một lần nhập: không nhập tệp nào (trạng thái "duplicate"); tệp không rõ\n' +
    '  đơn vị: "unidentified". Bản gửi mới để trống ô mà bản trước có số liệu bị từ chối (BLANKING), trừ khi có\n' +
    '  --allow-blanking (đã xác nhận với đơn vị).\n' +
    '  --received-at: ngày nhận (mặc định hôm nay). Ngày trong tương lai, hoặc trước ngày bắt đầu khoảng số liệu\n' +
    '  của kỳ, bị từ chối trừ khi có --received-reason "lý do" (ghi vào nhật ký). Báo cáo muộn thì không cần.\n',
  serve:
    'bdg serve [--db F] [--port N] [--demo] [--no-open]\n' +
    '  Chạy máy chủ cục bộ (127.0.0.1) phục vụ giao diện; in ra đường dẫn kèm mã truy cập dùng một lần.\n' +
    '  --demo: mở bản trình diễn với dữ liệu mẫu (không đụng tới cơ sở dữ liệu thật).\n',
};

export function commandHelp(cmd: string): string {
  return DETAIL[cmd] ?? HELP;
}
